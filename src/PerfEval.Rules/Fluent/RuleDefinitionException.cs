namespace PerfEval.Rules.Fluent;

/// <summary>
/// A rule class written with the fluent DSL is wrong: an alias used but never declared, declared
/// twice, used before or outside the group that declares it, a DSL call used the wrong way, a rule
/// class that cannot be created, or a rule-model check that failed. The message names the rule class
/// and the problem; <see cref="RuleException.RuleName"/> is the class's full name.
/// </summary>
/// <remarks>Immutable; thread-safe to read.</remarks>
public sealed class RuleDefinitionException : RuleException
{
    internal RuleDefinitionException(Type ruleType, string message, Exception? innerException = null)
        : base("Rule class '" + (ruleType.FullName ?? ruleType.Name) + "': " + message, ruleType.FullName ?? ruleType.Name, innerException)
    {
        RuleType = ruleType;
    }

    /// <summary>The rule class whose definition is wrong.</summary>
    public Type RuleType { get; }
}
