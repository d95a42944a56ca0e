using System.Collections.Immutable;
using System.Globalization;
using PerfEval.Values;

namespace PerfEval.Model;

/// <summary>
/// Builds a <see cref="ProjectEvaluation"/>: set the project's facts, add the indicator tree, call
/// <see cref="Build"/>. Build checks the whole tree and reports every structural problem at once.
/// </summary>
/// <remarks>Not thread-safe: one builder belongs to one thread. The built evaluation is immutable.</remarks>
public sealed class EvaluationBuilder
{
    /// <summary>The deepest tree accepted.</summary>
    public const int MaxDepth = 12;

    /// <summary>The most indicators accepted in one evaluation.</summary>
    public const int MaxIndicators = 10_000;

    /// <summary>Creates a builder.</summary>
    /// <param name="id">The project's id.</param>
    /// <param name="schemeId">The id of the scheme to grade by.</param>
    public EvaluationBuilder(string id, string schemeId)
    {
        Id = id;
        SchemeId = schemeId;
    }

    /// <summary>The project's id (required).</summary>
    public string Id { get; set; }

    /// <summary>The scheme's id (required).</summary>
    public string SchemeId { get; set; }

    /// <summary>The project's name.</summary>
    public string? Name { get; set; }

    /// <summary>The budget unit (预算单位).</summary>
    public string? Unit { get; set; }

    /// <summary>The region.</summary>
    public string? Region { get; set; }

    /// <summary>The budget year.</summary>
    public int? Year { get; set; }

    /// <summary>Where the figures come from.</summary>
    public string? Source { get; set; }

    /// <summary>The budget.</summary>
    public Budget? Budget { get; set; }

    /// <summary>What the report states.</summary>
    public ReportedFigures Reported { get; set; } = new();

    /// <summary>Free-text notes.</summary>
    public IList<string> Notes { get; } = new List<string>();

    /// <summary>Yes/no facts for policies.</summary>
    public IDictionary<string, bool> Flags { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>The level-1 indicators.</summary>
    public IList<IndicatorBuilder> Indicators { get; } = new List<IndicatorBuilder>();


    /// <summary>The file being loaded, if any (set by the loader).</summary>
    internal string? File { get; set; }

    /// <summary>Adds a level-1 indicator and returns its builder.</summary>
    /// <param name="name">The name.</param>
    /// <param name="weight">The weight, or <see langword="null"/> for the scheme to assign.</param>
    /// <returns>The indicator's builder.</returns>
    public IndicatorBuilder Add(string name, decimal? weight = null)
    {
        var node = new IndicatorBuilder(name, weight);
        Indicators.Add(node);
        return node;
    }

    /// <summary>Checks everything and builds the evaluation.</summary>
    /// <returns>The evaluation.</returns>
    /// <exception cref="EvaluationException">With every problem found, each naming its indicator path.</exception>
    public ProjectEvaluation Build()
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(Id))
        {
            problems.Add(new Problem("MissingField", null, "项目缺少 id", "The project has no id"));
        }

        if (string.IsNullOrWhiteSpace(SchemeId))
        {
            problems.Add(new Problem("MissingField", null, "未指定评价方案（scheme）", "No scheme is named"));
        }

        if (Budget is { } range && (!NumberLimit.InRange(range.Planned) || !NumberLimit.InRange(range.Executed)))
        {
            problems.Add(new Problem("NumberOutOfRange", null,
                string.Create(CultureInfo.InvariantCulture, $"预算数或执行数超出允许范围（{NumberLimit.RangeZh}）：预算数 {range.Planned}，执行数 {range.Executed}"),
                string.Create(CultureInfo.InvariantCulture, $"Planned or executed is out of range ({NumberLimit.RangeEn}): planned {range.Planned}, executed {range.Executed}")));
        }
        else if (Budget is { } budget && (budget.Planned <= 0 || budget.Executed < 0))
        {
            problems.Add(new Problem("InvalidBudget", null,
                string.Create(CultureInfo.InvariantCulture, $"预算数须大于0、执行数不得为负：预算数 {budget.Planned}，执行数 {budget.Executed}"),
                string.Create(CultureInfo.InvariantCulture, $"Planned must be > 0 and executed ≥ 0: planned {budget.Planned}, executed {budget.Executed}")));
        }

        if (Indicators.Count == 0)
        {
            problems.Add(new Problem("EmptyTree", null, "没有任何指标", "The evaluation has no indicators"));
        }

        var count = 0;
        var roots = BuildLevel(Indicators, parentPath: null, level: 1, problems, ref count);
        if (problems.Count > 0)
        {
            throw new EvaluationException(File, problems);
        }

        return new ProjectEvaluation(this, roots, count);
    }

    private ImmutableArray<Indicator> BuildLevel(IList<IndicatorBuilder> nodes, string? parentPath, int level, List<Problem> problems, ref int count)
    {
        var result = ImmutableArray.CreateBuilder<Indicator>(nodes.Count);
        // Sibling names must differ; most levels have a handful of nodes, compared pairwise without a set.
        var seen = nodes.Count > 8 ? new HashSet<string>(nodes.Count, StringComparer.Ordinal) : null;
        var valueProblems = ImmutableArray.CreateBuilder<Problem>();
        for (var index = 0; index < nodes.Count; index++)
        {
            var b = nodes[index];
            if (b is null)
            {
                problems.Add(Problem(null, parentPath, "NullIndicator", "指标为空", "An indicator is null"));
                continue;
            }

            var name = b.Name?.Trim() ?? string.Empty;
            var path = parentPath is null ? name : parentPath + "/" + name;
            if (++count > MaxIndicators)
            {
                problems.Add(Problem(b, path, "TooManyIndicators",
                    $"指标超过 {MaxIndicators} 个", $"More than {MaxIndicators} indicators"));
                return result.ToImmutable();
            }

            if (name.Length == 0)
            {
                problems.Add(Problem(b, path, "MissingName", "指标名称为空", "An indicator has no name"));
            }
            else if (name.Contains('/', StringComparison.Ordinal))
            {
                // "/" separates indicator paths: 满意度指标/满意度 as a name would collide with the real path (and its policies).
                problems.Add(Problem(b, path, "SlashInName", $"指标名称不能含有“/”（“/”用于分隔指标路径）：{Echo.Quote(name)}",
                    $"An indicator name cannot contain '/' (it separates indicator paths): {Echo.Quote(name)}"));
            }
            else if (seen is not null ? !seen.Add(name) : NamedBefore(nodes, index, name))
            {
                problems.Add(Problem(b, path, "DuplicateIndicator", $"同级指标重名：{Echo.Quote(name)}", $"Two sibling indicators are named {Echo.Quote(name)}"));
            }

            // Built in code, a number has not passed the file readers' check; the same range holds (see NumberLimit).
            if (b.Weight is { } weight && !NumberLimit.InRange(weight))
            {
                problems.Add(Problem(b, path, "NumberOutOfRange", $"weight {Format(weight)} 超出允许范围（{NumberLimit.RangeZh}）",
                    $"The weight {Format(weight)} is out of range ({NumberLimit.RangeEn})"));
            }

            if (b.Weight is < 0)
            {
                problems.Add(Problem(b, path, "NegativeWeight", $"分值为负：{Format(b.Weight.Value)}", $"Negative weight {Format(b.Weight.Value)}"));
            }

            var leafMethod = b.ChildCount == 0 ? b.Method : null;
            if (MayHaveSelfScoreProblems(b.SelfScore, leafMethod))
            {
                foreach (var (code, zh, en) in SelfScoreProblems(b.SelfScore, leafMethod, b.NotApplicable))
                {
                    problems.Add(Problem(b, path, code, zh, en));
                }
            }

            if (b.MaxBonus is <= 0 || b.BonusPerUnit is <= 0 || (b.BonusPerUnit is not null && b.MaxBonus is null) || (b.MaxBonus is not null && b.ChildCount > 0))
            {
                problems.Add(Problem(b, path, "InvalidBonus",
                    "加分只能用于末级指标，须为正数，且给出每单位加分（bonusPerUnit）时须给出加分上限（maxBonus）",
                    "A bonus belongs on a leaf, must be positive, and bonusPerUnit needs maxBonus (the most the row may earn above its weight)",
                    $"maxBonus {(b.MaxBonus is { } mb ? Format(mb) : "—")}, bonusPerUnit {(b.BonusPerUnit is { } pu ? Format(pu) : "—")}"));
            }

            if (b.Scale is { } scale && (scale <= 0 || level != 1 || b.ChildCount == 0 || b.Weight is null))
            {
                problems.Add(Problem(b, path, "InvalidScale",
                    $"计分满分（scale）{Format(scale)} 只能用于有分值、有下级指标的一级指标，且须为正数",
                    $"A scale ({Format(scale)}) belongs on a level-1 block with a weight and rows, and must be positive", "scale " + Format(scale)));
            }

            ImmutableArray<Indicator> children = [];
            if (b.ChildCount > 0)
            {
                if (level >= MaxDepth)
                {
                    problems.Add(Problem(b, path, "TooDeep", $"指标层级超过 {MaxDepth} 级", $"The tree is deeper than {MaxDepth} levels"));
                }
                else
                {
                    if (b.Method is not null || b.Target is not null || b.Actual is not null || b.Checklist is not null)
                    {
                        problems.Add(Problem(b, path, "BranchWithLeafFields",
                            "有下级指标的节点不能同时给出计分方法、目标值、实际值或清单",
                            "A node with children cannot also carry a method, target, actual or checklist"));
                    }

                    children = BuildLevel(b.Children, path, level + 1, problems, ref count);
                }
            }
            else
            {
                CheckLeaf(b, path, problems);
            }

            valueProblems.Clear();
            var target = Read(b, path, b.Target, b.Unit, "target", valueProblems);
            var actual = Read(b, path, b.Actual, b.Unit, "actual", valueProblems);
            var textValue = Read(b, path, b.TextValue, b.Unit, "textValue", valueProblems);
            result.Add(new Indicator(b, path, level, children, target, actual, textValue, valueProblems.ToImmutable(),
                b.Origin));
        }

        return result.Count == result.Capacity ? result.MoveToImmutable() : result.ToImmutable();
    }

    /// <summary>Whether a sibling before <paramref name="index"/> has the (trimmed) name <paramref name="name"/>.</summary>
    private static bool NamedBefore(IList<IndicatorBuilder> nodes, int index, string name)
    {
        for (var k = 0; k < index; k++)
        {
            if (nodes[k] is { } other && string.Equals(other.Name?.Trim(), name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckLeaf(IndicatorBuilder b, string path, List<Problem> problems)
    {
        if (b.Method is { Kind: MethodKind.Checklist } m && b.Checklist is { } answers && answers.Count != m.Criteria.Length)
        {
            problems.Add(Problem(b, path, "ChecklistLength",
                $"清单有 {m.Criteria.Length} 项，答复有 {answers.Count} 项",
                $"The checklist has {m.Criteria.Length} criteria but {answers.Count} answers"));
        }
        else if (b.Checklist is not null && b.Method is not { Kind: MethodKind.Checklist })
        {
            problems.Add(Problem(b, path, "ChecklistWithoutCriteria",
                "给出了清单答复，但计分方法不是清单（checklist）", "Checklist answers are given but the method is not a checklist"));
        }
    }

    /// <summary>Whether <see cref="SelfScoreProblems"/> can find anything: the iterator is not started for the common clean row.</summary>
    private static bool MayHaveSelfScoreProblems(decimal? selfScore, ScoringMethod? leafMethod) =>
        selfScore is { } v ? v < 0 || !NumberLimit.InRange(v) : leafMethod is { Kind: MethodKind.Assessed };

    /// <summary>
    /// What is wrong with a node's self-score where it stands: out of range, negative, or missing on a leaf whose
    /// method needs one (<paramref name="leafMethod"/> is null for a branch). The builder and live re-grading share it.
    /// </summary>
    internal static IEnumerable<(string Code, string Zh, string En)> SelfScoreProblems(decimal? selfScore, ScoringMethod? leafMethod, bool notApplicable)
    {
        if (selfScore is { } v && !NumberLimit.InRange(v))
        {
            yield return ("NumberOutOfRange", $"selfScore {Format(v)} 超出允许范围（{NumberLimit.RangeZh}）", $"The selfScore {Format(v)} is out of range ({NumberLimit.RangeEn})");
        }

        if (selfScore is < 0)
        {
            yield return ("NegativeScore", $"自评得分为负：{Format(selfScore.Value)}", $"Negative self-score {Format(selfScore.Value)}");
        }

        if (leafMethod is { Kind: MethodKind.Assessed } && selfScore is null && !notApplicable)
        {
            yield return ("MissingSelfScore", "评议计分（assessed）的指标须给出自评得分", "An assessed indicator needs the evaluator's score (selfScore)");
        }
    }

    private IndicatorValue? Read(IndicatorBuilder b, string path, string? text, string? unit, string field, ImmutableArray<Problem>.Builder problems) =>
        ReadValue(path, text, unit, field, b.Origin, problems);

    /// <summary>Reads one value of an indicator; text that cannot be read becomes a problem naming the field, not an error.</summary>
    internal static IndicatorValue? ReadValue(string path, string? text, string? unit, string field, Serialization.JsonOrigin? origin, ImmutableArray<Problem>.Builder problems)
    {
        if (text is null)
        {
            return null;
        }

        if (ValueReader.TryRead(text, unit, out var value, out var error))
        {
            return value;
        }

        var (json, line) = origin is { } o ? (o.JsonPath + "." + field, o.Line) : (null, null);
        problems.Add(new Problem("UnreadableValue", path,
            $"无法读取{FieldZh(field)}“{Echo.Quote(text)}”：{error?.MessageZh}",
            $"Cannot read the {field} \"{Echo.Quote(text)}\": {error?.MessageEn}",
            text, json, line));
        return null;
    }

    private static string FieldZh(string field) => field switch
    {
        "target" => "目标值",
        "actual" => "实际完成值",
        _ => "正文数值",
    };

    private Problem Problem(IndicatorBuilder? b, string? path, string code, string zh, string en, string? text = null)
    {
        var (json, line) = b?.Origin is { } o ? (o.JsonPath, o.Line) : (null, (long?)null);
        return new Problem(code, path, zh, en, text, json, line);
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
