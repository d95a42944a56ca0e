using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>
/// Holds rule sets: loads fluent rule classes into them and accepts rule sets of definitions made
/// from data. Compile with <see cref="RuleRepositoryExtensions.Compile(IRuleRepository)"/>.
/// </summary>
/// <example>
/// <code>
/// var repository = new RuleRepository();
/// repository.Load(x =&gt; x.From(typeof(MyRule).Assembly).Where(r =&gt; r.IsTagged("scoring")).To("national"));
/// ISessionFactory factory = repository.Compile();
/// </code>
/// </example>
/// <remarks>Not thread-safe: load on one thread, then compile; the session factory it yields is thread-safe.</remarks>
public sealed class RuleRepository : IRuleRepository
{
    private readonly List<IRuleSet> _ruleSets = new();
    private readonly RuleDefinitionFactory _factory = new();
    private IRuleActivator _activator = new RuleActivator();

    /// <summary>Creates rule instances for <see cref="Load(Action{IRuleLoadSpec})"/>; by default <see cref="RuleActivator"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public IRuleActivator Activator
    {
        get => _activator;
        set => _activator = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Loads rule classes as <paramref name="specAction"/> says: each selected class is created through <see cref="Activator"/>, defined, and added to the target rule set.</summary>
    /// <param name="specAction">Fills the load spec, such as <c>x =&gt; x.From(assembly).To("national")</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="specAction"/> is null.</exception>
    /// <exception cref="RuleDefinitionException">A rule class cannot be created, is wrong, or its name is already in the rule set; nothing is added then.</exception>
    public void Load(Action<IRuleLoadSpec> specAction)
    {
        ArgumentNullException.ThrowIfNull(specAction);
        var spec = new RuleLoadSpec();
        specAction(spec);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var existing in Find(spec.RuleSetName)?.Rules ?? Array.Empty<IRuleDefinition>())
        {
            names.Add(existing.Name);
        }

        var definitions = new List<IRuleDefinition>();
        foreach (var metadata in spec.Select())
        {
            IEnumerable<Dsl.Rule> rules;
            try
            {
                rules = (_activator.Activate(metadata.RuleType) ?? Array.Empty<Dsl.Rule>()).ToArray();
            }
            catch (Exception e) when (e is not RuleDefinitionException and not OutOfMemoryException)
            {
                throw new RuleDefinitionException(metadata.RuleType, "the rule class could not be created by " + _activator.GetType().Name + ": " + e.Message, e);
            }

            foreach (var rule in rules)
            {
                if (rule is null || rule.GetType() != metadata.RuleType)
                {
                    throw new RuleDefinitionException(metadata.RuleType, "the activator returned " + (rule is null ? "null" : "an instance of " + rule.GetType().FullName) + " instead of an instance of the class.");
                }

                var definition = _factory.Create(rule);
                if (!names.Add(definition.Name))
                {
                    throw new RuleDefinitionException(metadata.RuleType, "rule set '" + spec.RuleSetName + "' already has a rule named '" + definition.Name + "'; give the class a distinct [Name].");
                }

                definitions.Add(definition);
            }
        }

        GetOrAdd(spec.RuleSetName).Add(definitions);
    }

    /// <summary>Adds a rule set (for example one made from data); its name must be new.</summary>
    /// <param name="ruleSet">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    /// <exception cref="ArgumentException">A rule set with that name is already in the repository.</exception>
    public void Add(IRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        if (Find(ruleSet.Name) is not null)
        {
            throw new ArgumentException("The repository already has a rule set named '" + ruleSet.Name + "'.", nameof(ruleSet));
        }

        _ruleSets.Add(ruleSet);
    }

    /// <summary>The rule set named <paramref name="name"/>, created empty if the repository has none.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public IRuleSet GetRuleSet(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return GetOrAdd(name);
    }

    /// <inheritdoc />
    public IEnumerable<IRuleSet> GetRuleSets() => _ruleSets.ToArray();

    private IRuleSet? Find(string name)
    {
        foreach (var set in _ruleSets)
        {
            if (string.Equals(set.Name, name, StringComparison.Ordinal))
            {
                return set;
            }
        }

        return null;
    }

    private IRuleSet GetOrAdd(string name)
    {
        var set = Find(name);
        if (set is null)
        {
            set = new RuleSet(name);
            _ruleSets.Add(set);
        }

        return set;
    }
}
