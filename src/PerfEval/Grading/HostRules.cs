using System.Collections.Immutable;
using System.Reflection;
using NRules.Fluent;
using NRules.RuleModel;
using PerfEval.Model;

namespace PerfEval.Grading;

/// <summary>
/// NRules rules a host writes in C# (classes deriving from <see cref="NRules.Fluent.Dsl.Rule"/>) and adds
/// to every grading, or to the gradings of one scheme. They run in the same session as PerfEval's
/// rule sets and see these facts: the <see cref="ProjectEvaluation"/> being graded. They add to the
/// result by yielding (or inserting) a <see cref="Finding"/>, which joins the result's findings, and a
/// <see cref="ScoreAdjustment"/>, which adds to or deducts from the total before it is graded.
/// </summary>
/// <remarks>
/// Not thread-safe while being filled; a <see cref="Grader"/> takes a copy when it is created. Rule
/// classes are code the host chose to load; scheme files can never name them.
/// </remarks>
public sealed class HostRules
{
    private readonly List<(string? SchemeId, Type Type)> _types = [];

    /// <summary>Adds every non-abstract rule class in the assemblies, for every scheme.</summary>
    /// <param name="assemblies">Assemblies holding the host's rule classes.</param>
    /// <returns>This, for chaining.</returns>
    /// <exception cref="ArgumentNullException">When an assembly is null.</exception>
    public HostRules From(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var assembly in assemblies)
        {
            ArgumentNullException.ThrowIfNull(assembly);
            foreach (var type in assembly.GetTypes().Where(IsRule).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                _types.Add((null, type));
            }
        }

        return this;
    }

    /// <summary>Adds rule classes for every scheme.</summary>
    /// <param name="ruleTypes">Non-abstract classes deriving from <see cref="NRules.Fluent.Dsl.Rule"/>.</param>
    /// <returns>This, for chaining.</returns>
    /// <exception cref="ArgumentException">When a type is not such a class.</exception>
    public HostRules From(params Type[] ruleTypes) => Add(null, ruleTypes);

    /// <summary>Adds rule classes for the gradings of one scheme only (by id; schemes that extend it are not included).</summary>
    /// <param name="schemeId">The scheme's id, e.g. <c>hunan-2020</c>.</param>
    /// <param name="ruleTypes">Non-abstract classes deriving from <see cref="NRules.Fluent.Dsl.Rule"/>.</param>
    /// <returns>This, for chaining.</returns>
    /// <exception cref="ArgumentException">When the id is empty or a type is not such a class.</exception>
    public HostRules ForScheme(string schemeId, params Type[] ruleTypes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemeId);
        return Add(schemeId, ruleTypes);
    }

    /// <summary>How many rule classes have been added.</summary>
    public int Count => _types.Count;

    private HostRules Add(string? schemeId, Type[] ruleTypes)
    {
        ArgumentNullException.ThrowIfNull(ruleTypes);
        foreach (var type in ruleTypes)
        {
            ArgumentNullException.ThrowIfNull(type);
            if (!IsRule(type))
            {
                throw new ArgumentException($"{type.FullName} is not a non-abstract class deriving from NRules.Fluent.Dsl.Rule.", nameof(ruleTypes));
            }

            _types.Add((schemeId, type));
        }

        return this;
    }

    private static bool IsRule(Type t) => t is { IsClass: true, IsAbstract: false } && typeof(NRules.Fluent.Dsl.Rule).IsAssignableFrom(t);

    /// <summary>A frozen copy, so later additions do not change a grader that exists.</summary>
    internal Compiled Freeze() => new([.. _types]);

    internal sealed class Compiled(ImmutableArray<(string? SchemeId, Type Type)> types)
    {
        public static Compiled None { get; } = new([]);

        public bool IsEmpty => types.IsEmpty;

        /// <summary>The rule definitions for one scheme's gradings, loaded through NRules' fluent repository.</summary>
        public IReadOnlyList<IRuleDefinition> For(string schemeId)
        {
            var chosen = types.Where(t => t.SchemeId is null || string.Equals(t.SchemeId, schemeId, StringComparison.Ordinal)).Select(t => t.Type).Distinct().ToArray();
            if (chosen.Length == 0) return [];
            var repository = new RuleRepository();
            // The host chose these types: load them whether public or not, nested or not (NRules' scanner skips those by default).
            repository.Load(spec => spec.PrivateTypes().NestedTypes().From(chosen));
            return [.. repository.GetRuleSets().SelectMany(set => set.Rules)];
        }
    }
}

/// <summary>
/// A bonus (positive points) or deduction (negative) that a host's rule applies to the total before
/// it is graded; the total stays within 0…100. The result's explanation and findings name it.
/// </summary>
/// <param name="Name">What the adjustment is for, shown in the explanation, e.g. <c>绩效目标未公开</c>.</param>
/// <param name="Points">Points added (positive) or deducted (negative).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScoreAdjustment(string Name, decimal Points);
