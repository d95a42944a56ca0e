using System.Collections.Immutable;
using System.Globalization;
using PerfEval.Model;
using PerfEval.Values;

namespace PerfEval.Serialization;

/// <summary>Collects the problems found while mapping a file's DTOs to the model; lines are filled in at the end.</summary>
/// <remarks>Not thread-safe: one per read.</remarks>
internal sealed class ProblemList
{
    public List<Problem> Items { get; } = [];

    public void Add(string code, string jsonPath, string zh, string en, string? text = null) =>
        Items.Add(new Problem(code, null, zh, en, text, jsonPath));

    public void Missing(string jsonPath, string field) =>
        Add("MissingField", jsonPath, $"缺少必填属性：{field}", $"Missing required property: {field}", field);

    public void NotAllowed(string jsonPath, string field, string kind) =>
        Add("FieldNotAllowed", StrictJson.Child(jsonPath, field),
            $"属性“{field}”不适用于“{kind}”", $"The property \"{field}\" does not apply to \"{kind}\"", field);

    public void NullItem(string jsonPath) =>
        Add("NullNotAllowed", jsonPath, "数组元素不能为 null", "An array element cannot be null", "null");

    public void Unknown(string jsonPath, string what, string whatZh, string text, IEnumerable<string> allowed)
    {
        var list = string.Join(", ", allowed);
        Add("UnknownValue", jsonPath, $"未知的{whatZh}“{text}”；允许的值：{list}", $"Unknown {what} \"{text}\"; allowed: {list}", text);
    }

    /// <summary>Fills every problem's line (and text, where missing) from the document.</summary>
    public List<Problem> Located(ReadOnlySpan<byte> json, long lineOffset)
    {
        var result = new List<Problem>(Items.Count);
        foreach (var p in Items)
        {
            result.Add(Locate(p, json, lineOffset));
        }

        return result;
    }

    public static Problem Locate(Problem p, ReadOnlySpan<byte> json, long lineOffset)
    {
        if (p.JsonPath is null)
        {
            return p;
        }

        var (line, text) = StrictJson.LineAndText(json, p.JsonPath, lineOffset, withText: p.Text is null);
        return p with { Line = line ?? p.Line, Text = p.Text ?? text };
    }
}

/// <summary>Maps the <c>method</c> objects shared by evaluation and scheme files, both ways.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class MethodJson
{
    private static readonly (string Name, MethodKind Kind)[] Kinds =
    [
        ("proportional", MethodKind.Proportional),
        ("reverseLinear", MethodKind.ReverseLinear),
        ("reverseRatio", MethodKind.ReverseRatio),
        ("equal", MethodKind.Equal),
        ("perPointDeduction", MethodKind.PerPointDeduction),
        ("banded", MethodKind.Banded),
        ("perIncident", MethodKind.PerIncident),
        ("checklist", MethodKind.Checklist),
        ("qualitative", MethodKind.Qualitative),
        ("assessed", MethodKind.Assessed),
        ("executionRate", MethodKind.ExecutionRate),
    ];

    public static IEnumerable<string> KindNames => Kinds.Select(k => k.Name);

    public static string Name(MethodKind kind) => Kinds.First(k => k.Kind == kind).Name;

    /// <summary>The kind a method name (as <see cref="Name"/> writes it) stands for, or null.</summary>
    public static MethodKind? KindOf(string? name)
    {
        foreach (var (n, kind) in Kinds)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    public static ScoringMethod? Read(MethodDto dto, LazyPath path, ProblemList problems)
    {
        var kindIndex = -1;
        for (var k = 0; k < Kinds.Length && kindIndex < 0; k++)
        {
            kindIndex = string.Equals(Kinds[k].Name, dto.Kind, StringComparison.Ordinal) ? k : -1;
        }

        if (kindIndex < 0)
        {
            problems.Unknown(StrictJson.Child(path, "kind"), "method kind", "计分方法", dto.Kind, KindNames);
            return null;
        }

        var kind = Kinds[kindIndex].Kind;
        var name = Kinds[kindIndex].Name;
        var before = problems.Items.Count;
        // Whether each member is given, not its value: a decimal passed as object would be boxed, per leaf of every record.
        void Only(bool allowed, bool given, string field)
        {
            if (!allowed && given)
            {
                problems.NotAllowed(path, field, name);
            }
        }

        Only(kind == MethodKind.Equal, dto.Otherwise is not null, "otherwise");
        Only(kind == MethodKind.PerPointDeduction, dto.PointsPerPercent is not null, "pointsPerPercent");
        Only(kind == MethodKind.PerIncident, dto.PointsPerIncident is not null, "pointsPerIncident");
        Only(kind == MethodKind.Banded, dto.Bands is not null, "bands");
        Only(kind == MethodKind.Checklist, dto.Criteria is not null, "criteria");
        Only(kind == MethodKind.Qualitative, dto.Tiers is not null, "tiers");
        Only(kind == MethodKind.ExecutionRate, dto.FullMarksFrom is not null, "fullMarksFrom");
        if (problems.Items.Count > before)
        {
            return null;
        }

        switch (kind)
        {
            case MethodKind.Proportional: return ScoringMethod.Proportional;
            case MethodKind.ReverseLinear: return ScoringMethod.ReverseLinear;
            case MethodKind.ReverseRatio: return ScoringMethod.ReverseRatio;
            case MethodKind.Assessed: return ScoringMethod.Assessed;
            case MethodKind.Equal:
                switch (dto.Otherwise)
                {
                    case null or "zero": return ScoringMethod.Equal();
                    case "proportional": return ScoringMethod.Equal(otherwiseProportional: true);
                    default:
                        problems.Unknown(StrictJson.Child(path, "otherwise"), "value of otherwise", "otherwise 取值", dto.Otherwise, ["zero", "proportional"]);
                        return null;
                }

            case MethodKind.PerPointDeduction:
                return Positive(dto.PointsPerPercent, path, "pointsPerPercent", problems) is { } ppp ? ScoringMethod.PerPointDeduction(ppp) : null;
            case MethodKind.PerIncident:
                return Positive(dto.PointsPerIncident, path, "pointsPerIncident", problems) is { } ppi ? ScoringMethod.PerIncident(ppi) : null;
            case MethodKind.ExecutionRate:
                if (dto.FullMarksFrom is { } f && (f <= 0 || f > 100))
                {
                    problems.Add("InvalidMethod", StrictJson.Child(path, "fullMarksFrom"),
                        $"fullMarksFrom 须在 (0, 100] 内：{F(f)}", $"fullMarksFrom must lie in (0, 100]: {F(f)}");
                    return null;
                }

                return ScoringMethod.ExecutionRate(dto.FullMarksFrom);
            case MethodKind.Banded:
                return Banded(dto, path, problems);
            case MethodKind.Checklist:
                return Checklist(dto, path, problems);
            default:
                return Qualitative(dto, path, problems);
        }
    }

    private static decimal? Positive(decimal? value, LazyPath path, string field, ProblemList problems)
    {
        if (value is null)
        {
            problems.Missing(path, field);
            return null;
        }

        if (value <= 0)
        {
            problems.Add("InvalidMethod", StrictJson.Child(path, field), $"{field} 须大于 0：{F(value.Value)}", $"{field} must be greater than 0: {F(value.Value)}");
            return null;
        }

        return value;
    }

    private static ScoringMethod? Banded(MethodDto dto, LazyPath path, ProblemList problems)
    {
        if (dto.Bands is not { Count: > 0 } list)
        {
            problems.Add(dto.Bands is null ? "MissingField" : "EmptyList", StrictJson.Child(path, "bands"),
                "分档计分（banded）须至少有一档", "A banded method needs at least one band", "bands");
            return null;
        }

        var bands = new List<ScoreBand>();
        var ok = true;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } b)
            {
                problems.NullItem(StrictJson.Item(StrictJson.Child(path, "bands"), i));
                ok = false;
                continue;
            }

            if (b.Points < 0 || (b.Min is { } lo && b.Max is { } hi && lo > hi))
            {
                problems.Add("InvalidBand", StrictJson.Item(StrictJson.Child(path, "bands"), i), "分档的分值为负或上下限颠倒", "A band has negative points or its bounds are reversed");
                ok = false;
                continue;
            }

            bands.Add(new ScoreBand(b.Min, b.MinInclusive ?? true, b.Max, b.MaxInclusive ?? false, b.Points));
        }

        return ok ? ScoringMethod.Banded(bands) : null;
    }

    private static ScoringMethod? Checklist(MethodDto dto, LazyPath path, ProblemList problems)
    {
        if (dto.Criteria is not { Count: > 0 } list)
        {
            problems.Add(dto.Criteria is null ? "MissingField" : "EmptyList", StrictJson.Child(path, "criteria"),
                "清单计分（checklist）须至少有一项", "A checklist needs at least one criterion", "criteria");
            return null;
        }

        var criteria = new List<Criterion>();
        var ok = true;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } c)
            {
                problems.NullItem(StrictJson.Item(StrictJson.Child(path, "criteria"), i));
                ok = false;
            }
            else if (c.Points < 0)
            {
                problems.Add("InvalidCriterion", StrictJson.Child(StrictJson.Item(StrictJson.Child(path, "criteria"), i), "points"), $"清单项分值为负：{F(c.Points)}", $"A criterion has negative points: {F(c.Points)}");
                ok = false;
            }
            else
            {
                criteria.Add(new Criterion(c.Text, c.Points));
            }
        }

        return ok ? ScoringMethod.Checklist(criteria) : null;
    }

    private static ScoringMethod? Qualitative(MethodDto dto, LazyPath path, ProblemList problems)
    {
        if (dto.Tiers is not { } t)
        {
            return ScoringMethod.Qualitative;
        }

        var d = QualitativeTiers.Default;
        var before = problems.Items.Count;
        var narrative = Enum(t.Narrative, StrictJson.Child(StrictJson.Child(path, "tiers"), "narrative"), "narrative outcome", "叙述性实际值的认定结果", Outcomes, problems);
        if (problems.Items.Count > before)
        {
            return null;
        }

        var tiers = new QualitativeTiers(
            t.AchievedMin ?? d.AchievedMin, t.PartlyMin ?? d.PartlyMin, t.AchievedDefault ?? d.AchievedDefault,
            t.PartlyDefault ?? d.PartlyDefault, t.NotAchievedDefault ?? d.NotAchievedDefault, narrative);
        try
        {
            return ScoringMethod.QualitativeWith(tiers);
        }
        catch (ArgumentException)
        {
            problems.Add("InvalidTiers", StrictJson.Child(path, "tiers"),
                "定性分档须满足 0 ≤ partlyMin ≤ achievedMin ≤ 1，且各默认值落在本档内",
                "Qualitative tiers must satisfy 0 ≤ partlyMin ≤ achievedMin ≤ 1 with each default inside its tier");
            return null;
        }
    }

    public static MethodDto Write(ScoringMethod m)
    {
        var d = QualitativeTiers.Default;
        return new MethodDto
        {
            Kind = Name(m.Kind),
            Otherwise = m.Kind == MethodKind.Equal && m.OtherwiseProportional ? "proportional" : null,
            PointsPerPercent = m.Kind == MethodKind.PerPointDeduction ? m.PointsPerUnit : null,
            PointsPerIncident = m.Kind == MethodKind.PerIncident ? m.PointsPerUnit : null,
            FullMarksFrom = m.Kind == MethodKind.ExecutionRate ? m.FullMarksFrom : null,
            Bands = m.Kind == MethodKind.Banded
                ? [.. m.Bands.Select(b => (BandDto?)new BandDto { Min = b.Min, MinInclusive = b.MinInclusive, Max = b.Max, MaxInclusive = b.MaxInclusive, Points = b.Points })]
                : null,
            Criteria = m.Kind == MethodKind.Checklist ? [.. m.Criteria.Select(c => (CriterionDto?)new CriterionDto { Text = c.Text, Points = c.Points })] : null,
            Tiers = m.Kind == MethodKind.Qualitative && m.Tiers != d
                ? new TiersDto
                {
                    AchievedMin = m.Tiers.AchievedMin,
                    PartlyMin = m.Tiers.PartlyMin,
                    AchievedDefault = m.Tiers.AchievedDefault,
                    PartlyDefault = m.Tiers.PartlyDefault,
                    NotAchievedDefault = m.Tiers.NotAchievedDefault,
                    Narrative = m.Tiers.Narrative is { } n ? Outcomes.First(o => o.Value == n).Name : null,
                }
                : null,
        };
    }

    public static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>The outcomes a scheme may assign to narrative actuals.</summary>
    public static readonly ImmutableArray<(string Name, QualitativeOutcome Value)> Outcomes =
        [("achieved", QualitativeOutcome.Achieved), ("partlyAchieved", QualitativeOutcome.PartlyAchieved), ("notAchieved", QualitativeOutcome.NotAchieved)];

    /// <summary>Reads a closed-vocabulary string; records an error naming the allowed values when unknown.</summary>
    public static T? Enum<T>(string? text, LazyPath path, string what, string whatZh, ImmutableArray<(string Name, T Value)> table, ProblemList problems)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in table)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        problems.Unknown(path, what, whatZh, text, table.Select(t => t.Name));
        return null;
    }
}
