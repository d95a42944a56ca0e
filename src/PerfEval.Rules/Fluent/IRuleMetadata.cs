using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>
/// What the attributes of a rule class say, read without creating the rule; used to filter rules
/// in <see cref="IRuleLoadSpec.Where(Func{IRuleMetadata, bool})"/>.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe.</remarks>
public interface IRuleMetadata
{
    /// <summary>The rule class.</summary>
    Type RuleType { get; }

    /// <summary>The name (<see cref="Dsl.NameAttribute"/>, else the class's full name).</summary>
    string Name { get; }

    /// <summary>The description (<see cref="Dsl.DescriptionAttribute"/>, else empty).</summary>
    string Description { get; }

    /// <summary>The priority (<see cref="Dsl.PriorityAttribute"/>, else 0).</summary>
    int Priority { get; }

    /// <summary>The repeatability (<see cref="Dsl.RepeatabilityAttribute"/>, else repeatable).</summary>
    RuleRepeatability Repeatability { get; }

    /// <summary>The tags (<see cref="Dsl.TagAttribute"/>, including those of base rule classes), without duplicates.</summary>
    IReadOnlyCollection<string> Tags { get; }

    /// <summary>Whether the rule carries <paramref name="tag"/> (ordinal comparison).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when tagged.</returns>
    bool IsTagged(string tag);
}
