namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Sets the priority of a rule class: among pending activations, a higher priority fires first
/// (default 0; negative values are allowed).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class PriorityAttribute : Attribute
{
    /// <summary>Sets the rule's priority.</summary>
    /// <param name="value">The priority; higher fires first.</param>
    public PriorityAttribute(int value) => Value = value;

    /// <summary>The rule's priority.</summary>
    public int Value { get; }
}
