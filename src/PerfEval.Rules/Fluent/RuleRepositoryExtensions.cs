using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>Compiles rule repositories and rule sets through <see cref="RuleCompiler"/>.</summary>
/// <remarks>Stateless and thread-safe; do not change a repository while it is being compiled.</remarks>
public static class RuleRepositoryExtensions
{
    /// <summary>Compiles every rule of every rule set in the repository into one session factory.</summary>
    /// <param name="repository">The repository.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repository"/> is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    public static ISessionFactory Compile(this IRuleRepository repository) => Compile(repository, CancellationToken.None);

    /// <summary>Compiles every rule of every rule set in the repository into one session factory.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="cancellationToken">Cancels compilation.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repository"/> is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static ISessionFactory Compile(this IRuleRepository repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new RuleCompiler().Compile(RulesOf(repository.GetRuleSets()), cancellationToken);
    }

    /// <summary>Compiles the rules of the given rule sets into one session factory.</summary>
    /// <param name="compiler">The compiler.</param>
    /// <param name="ruleSets">The rule sets.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException">An argument or a rule set is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    public static ISessionFactory Compile(this RuleCompiler compiler, IEnumerable<IRuleSet> ruleSets) =>
        Compile(compiler, ruleSets, CancellationToken.None);

    /// <summary>Compiles the rules of the given rule sets into one session factory.</summary>
    /// <param name="compiler">The compiler.</param>
    /// <param name="ruleSets">The rule sets.</param>
    /// <param name="cancellationToken">Cancels compilation.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException">An argument or a rule set is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static ISessionFactory Compile(this RuleCompiler compiler, IEnumerable<IRuleSet> ruleSets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compiler);
        ArgumentNullException.ThrowIfNull(ruleSets);
        return compiler.Compile(RulesOf(ruleSets), cancellationToken);
    }

    /// <summary>Compiles the rules of the given rule sets into one session factory.</summary>
    /// <param name="repository">The repository the sets came from (not otherwise used).</param>
    /// <param name="ruleSets">The rule sets, for example a subset of <see cref="IRuleRepository.GetRuleSets"/>.</param>
    /// <returns>A thread-safe session factory.</returns>
    /// <exception cref="ArgumentNullException">An argument or a rule set is null.</exception>
    /// <exception cref="RuleCompilationException">A rule could not be compiled; the message names the rule and the element.</exception>
    public static ISessionFactory Compile(this IRuleRepository repository, IEnumerable<IRuleSet> ruleSets)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return Compile(new RuleCompiler(), ruleSets, CancellationToken.None);
    }

    private static List<IRuleDefinition> RulesOf(IEnumerable<IRuleSet> ruleSets)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        var rules = new List<IRuleDefinition>();
        foreach (var set in ruleSets)
        {
            if (set is null)
            {
                throw new ArgumentNullException(nameof(ruleSets), "The sequence contains a null rule set.");
            }

            rules.AddRange(set.Rules);
        }

        return rules;
    }
}
