using System.Reflection;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent;

/// <summary>The metadata of a rule class, read from its attributes.</summary>
internal sealed class RuleMetadata : IRuleMetadata
{
    private readonly string[] _tags;

    public RuleMetadata(Type ruleType)
    {
        RuleType = ruleType;
        Name = ruleType.GetCustomAttribute<NameAttribute>(inherit: true)?.Value ?? ruleType.FullName ?? ruleType.Name;
        Description = ruleType.GetCustomAttribute<DescriptionAttribute>(inherit: true)?.Value ?? string.Empty;
        Priority = ruleType.GetCustomAttribute<PriorityAttribute>(inherit: true)?.Value ?? 0;
        Repeatability = ruleType.GetCustomAttribute<RepeatabilityAttribute>(inherit: true)?.Value ?? RuleRepeatability.Repeatable;
        var tags = new List<string>();
        foreach (var tag in ruleType.GetCustomAttributes<TagAttribute>(inherit: true))
        {
            if (!tags.Contains(tag.Value, StringComparer.Ordinal))
            {
                tags.Add(tag.Value);
            }
        }

        _tags = tags.ToArray();
        Tags = Array.AsReadOnly(_tags);
    }

    public Type RuleType { get; }

    public string Name { get; }

    public string Description { get; }

    public int Priority { get; }

    public RuleRepeatability Repeatability { get; }

    public IReadOnlyCollection<string> Tags { get; }

    public bool IsTagged(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return Array.IndexOf(_tags, tag) >= 0;
    }

    public override string ToString() => Name;
}
