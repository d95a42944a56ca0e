namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>Sets the description of a rule class (empty when absent).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class DescriptionAttribute : Attribute
{
    /// <summary>Sets the rule's description.</summary>
    /// <param name="value">The description.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public DescriptionAttribute(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The rule's description.</summary>
    public string Value { get; }
}
