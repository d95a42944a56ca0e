using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules;

/// <summary>Compiles rule definitions into a Rete network and returns a session factory.</summary>
/// <remarks>
/// Stateless and thread-safe. Or groups become one branch per alternative; alpha nodes are shared by
/// structurally equal conditions on the same type, beta nodes by structurally equal prefixes; equality
/// conditions between a pattern and earlier declarations (on primitive, enum, string, decimal, date,
/// time or Guid values) become hash-indexed joins. Each distinct expression is rewritten once and
/// compiled to a delegate on first use, shared by every node and rule that uses it.
/// </remarks>
public sealed class RuleCompiler
{
    /// <summary>Compiles <paramref name="rules"/>.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException">The sequence or a rule is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    public ISessionFactory Compile(IEnumerable<IRuleDefinition> rules) => Compile(rules, CancellationToken.None);

    /// <summary>Compiles <paramref name="rules"/>, checking for cancellation between rules.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="cancellationToken">Cancels compilation.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException">The sequence or a rule is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public ISessionFactory Compile(IEnumerable<IRuleDefinition> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Runtime.NetworkBuilder.Build(rules, cancellationToken);
    }
}
