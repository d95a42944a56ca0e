using System.Reflection;
using PerfEval.Rules.Fluent.Dsl;

namespace PerfEval.Rules.Fluent;

/// <summary>The DSL's <see cref="IRuleLoadSpec"/>.</summary>
internal sealed class RuleLoadSpec : IRuleLoadSpec
{
    public const string DefaultRuleSetName = "default";

    private readonly List<Type> _types = new();
    private readonly List<Func<IRuleMetadata, bool>> _filters = new();

    public string RuleSetName { get; private set; } = DefaultRuleSetName;

    public static bool IsRuleType(Type type) =>
        type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters && typeof(Rule).IsAssignableFrom(type);

    public IRuleLoadSpec From(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var assembly in assemblies)
        {
            ArgumentNullException.ThrowIfNull(assembly, nameof(assemblies));
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }

            var found = new List<Type>();
            foreach (var type in types)
            {
                if (type is not null && IsRuleType(type))
                {
                    found.Add(type);
                }
            }

            found.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
            AddTypes(found);
        }

        return this;
    }

    public IRuleLoadSpec From(params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            ArgumentNullException.ThrowIfNull(type, nameof(types));
            if (!IsRuleType(type))
            {
                throw new ArgumentException("'" + type.FullName + "' is not a concrete, non-generic class deriving from PerfEval.Rules.Fluent.Dsl.Rule.", nameof(types));
            }
        }

        AddTypes(types);
        return this;
    }

    public IRuleLoadSpec Where(Func<IRuleMetadata, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filters.Add(filter);
        return this;
    }

    public IRuleLoadSpec To(string ruleSetName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleSetName);
        RuleSetName = ruleSetName;
        return this;
    }

    /// <summary>The rule classes selected, in order, with their metadata.</summary>
    public IReadOnlyList<IRuleMetadata> Select()
    {
        var selected = new List<IRuleMetadata>();
        foreach (var type in _types)
        {
            var metadata = new RuleMetadata(type);
            bool keep = true;
            foreach (var filter in _filters)
            {
                if (!filter(metadata))
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                selected.Add(metadata);
            }
        }

        return selected;
    }

    private void AddTypes(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            if (!_types.Contains(type))
            {
                _types.Add(type);
            }
        }
    }
}
