using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>
/// A named set of rule definitions: fluent rule classes loaded by <see cref="RuleRepository.Load(Action{IRuleLoadSpec})"/>,
/// and definitions made from data with <see cref="Element"/> and <see cref="RuleBuilder"/>.
/// </summary>
/// <remarks>Implementations state their own thread safety; <see cref="RuleSet"/> is not thread-safe for writes.</remarks>
public interface IRuleSet
{
    /// <summary>The set's name.</summary>
    string Name { get; }

    /// <summary>The definitions, in the order they were added.</summary>
    IEnumerable<IRuleDefinition> Rules { get; }

    /// <summary>Adds definitions.</summary>
    /// <param name="ruleDefinitions">The definitions.</param>
    void Add(IEnumerable<IRuleDefinition> ruleDefinitions);
}

/// <summary>Something that holds rule sets; <see cref="RuleRepositoryExtensions.Compile(IRuleRepository)"/> compiles them.</summary>
/// <remarks>Implementations state their own thread safety.</remarks>
public interface IRuleRepository
{
    /// <summary>The rule sets, in the order they were created.</summary>
    /// <returns>The rule sets.</returns>
    IEnumerable<IRuleSet> GetRuleSets();
}
