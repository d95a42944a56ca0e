namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Adds a tag to a rule class; a class may carry several. Tags of base rule classes are inherited.
/// Hosts select rules by tag with <see cref="IRuleMetadata.IsTagged(string)"/> (ordinal comparison).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class TagAttribute : Attribute
{
    /// <summary>Adds a tag.</summary>
    /// <param name="value">The tag; must not be empty or white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public TagAttribute(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The tag.</summary>
    public string Value { get; }
}
