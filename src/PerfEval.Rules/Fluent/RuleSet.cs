using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>The default <see cref="IRuleSet"/>: a named list of definitions with unique rule names.</summary>
/// <remarks>
/// Not thread-safe for writes: fill it on one thread, then share it. <see cref="Rules"/> returns a
/// snapshot, so reading while nobody writes is safe from any thread.
/// </remarks>
public sealed class RuleSet : IRuleSet
{
    private readonly List<IRuleDefinition> _rules = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Creates an empty rule set.</summary>
    /// <param name="name">The set's name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public RuleSet(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IEnumerable<IRuleDefinition> Rules => _rules.ToArray();

    /// <summary>Adds definitions; all or none are added.</summary>
    /// <param name="ruleDefinitions">The definitions.</param>
    /// <exception cref="ArgumentNullException">The sequence or a definition is null.</exception>
    /// <exception cref="ArgumentException">A rule name is already in the set, or given twice.</exception>
    public void Add(IEnumerable<IRuleDefinition> ruleDefinitions)
    {
        ArgumentNullException.ThrowIfNull(ruleDefinitions);
        var batch = new List<IRuleDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in ruleDefinitions)
        {
            if (rule is null)
            {
                throw new ArgumentNullException(nameof(ruleDefinitions), "The sequence contains a null rule definition.");
            }

            if (_names.Contains(rule.Name) || !names.Add(rule.Name))
            {
                throw new ArgumentException("Rule set '" + Name + "' already has a rule named '" + rule.Name + "'.", nameof(ruleDefinitions));
            }

            batch.Add(rule);
        }

        _rules.AddRange(batch);
        _names.UnionWith(names);
    }

    /// <summary>The set's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
