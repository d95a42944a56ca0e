namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Sets the name of a rule class; without it the rule is named after the class's full name.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class NameAttribute : Attribute
{
    /// <summary>Sets the rule's name.</summary>
    /// <param name="value">The name; must not be empty or white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public NameAttribute(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The rule's name.</summary>
    public string Value { get; }
}
