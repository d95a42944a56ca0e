using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.Fluent.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>
/// Turns instances of fluent <see cref="Rule"/> classes into rule-model definitions: runs
/// <see cref="Rule.Define"/>, rewrites its aliases into lambda parameters and builds the
/// <see cref="IRuleDefinition"/>. <see cref="RuleRepository"/> uses it; call it directly to inspect
/// what a rule class produces.
/// </summary>
/// <remarks>Stateless and thread-safe; a single rule instance must not be defined by two threads at once.</remarks>
public sealed class RuleDefinitionFactory
{
    /// <summary>Makes the definition of one rule.</summary>
    /// <param name="rule">The rule instance.</param>
    /// <returns>The immutable definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    /// <exception cref="RuleDefinitionException">The rule is wrong; the message names the rule class and the problem.</exception>
    public IRuleDefinition Create(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var type = rule.GetType();
        DefinitionContext context;
        try
        {
            context = rule.Capture();
        }
        catch (RuleDefinitionException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            throw new RuleDefinitionException(type, "Define() failed: " + e.Message, e);
        }

        return RuleModelTranslator.Translate(context, new RuleMetadata(type));
    }

    /// <summary>Makes the definitions of several rules, in order.</summary>
    /// <param name="rules">The rule instances.</param>
    /// <returns>The definitions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of them is null.</exception>
    /// <exception cref="RuleDefinitionException">A rule is wrong; the message names the rule class and the problem.</exception>
    public IReadOnlyList<IRuleDefinition> Create(IEnumerable<Rule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = new List<IRuleDefinition>();
        foreach (var rule in rules)
        {
            list.Add(Create(rule));
        }

        return list.AsReadOnly();
    }
}
