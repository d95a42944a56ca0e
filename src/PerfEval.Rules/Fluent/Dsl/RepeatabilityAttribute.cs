using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Sets whether a rule fires again for a match whose facts were updated
/// (default <see cref="RuleRepeatability.Repeatable"/>).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RepeatabilityAttribute : Attribute
{
    /// <summary>Sets the rule's repeatability.</summary>
    /// <param name="value">The repeatability.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined value.</exception>
    public RepeatabilityAttribute(RuleRepeatability value)
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined RuleRepeatability value.");
        }

        Value = value;
    }

    /// <summary>The rule's repeatability.</summary>
    public RuleRepeatability Value { get; }
}
