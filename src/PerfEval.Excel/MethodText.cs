using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PerfEval.Model;

namespace PerfEval.Excel;

/// <summary>
/// The 计分方法 column's closed vocabulary (Chinese or the scheme file's English names): 比例, 反向, 反向比例, 等于,
/// 等于按比例, 每点扣0.1分, 每例扣1分, 清单, 定性, 评议, 执行率. A 清单 (checklist) takes its criteria from the 评分标准
/// cell, one a line, each with its points (…记1分…).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static partial class MethodText
{
    public const string Allowed = "比例, 反向, 反向比例, 等于, 等于按比例, 每点扣N分, 每例扣N分, 清单, 定性, 评议, 执行率";

    [GeneratedRegex(@"^(?:每点扣|每低1个百分点扣|perpointdeduction:?)(?<n>[0-9]+(?:\.[0-9]+)?)分?$")]
    private static partial Regex PerPoint();

    [GeneratedRegex(@"^(?:每例扣|每出现一例扣|perincident:?)(?<n>[0-9]+(?:\.[0-9]+)?)分?$")]
    private static partial Regex PerIncident();

    [GeneratedRegex(@"记(?<n>[0-9]+(?:\.[0-9]+)?)分")]
    private static partial Regex Scored();

    [GeneratedRegex(@"(?<n>[0-9]+(?:\.[0-9]+)?)分")]
    private static partial Regex AnyPoints();

    public static ScoringMethod Read(string text, string? criteria, string cell, string? criteriaCell, string? file, string path)
    {
        var key = new string(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        switch (key)
        {
            case "比例" or "比例计分" or "正向比例" or "proportional": return ScoringMethod.Proportional;
            case "反向" or "反向线性" or "reverselinear": return ScoringMethod.ReverseLinear;
            case "反向比例" or "reverseratio": return ScoringMethod.ReverseRatio;
            case "等于" or "equal": return ScoringMethod.Equal();
            case "等于按比例" or "equal-proportional": return ScoringMethod.Equal(otherwiseProportional: true);
            case "定性" or "qualitative": return ScoringMethod.Qualitative;
            case "评议" or "自评" or "assessed": return ScoringMethod.Assessed;
            case "执行率" or "预算执行率" or "executionrate": return ScoringMethod.ExecutionRate();
            case "清单" or "checklist": return Checklist(criteria, criteriaCell ?? cell, file, path);
        }

        if (PerPoint().Match(key) is { Success: true } pp)
        {
            return ScoringMethod.PerPointDeduction(decimal.Parse(pp.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        if (PerIncident().Match(key) is { Success: true } pi)
        {
            return ScoringMethod.PerIncident(decimal.Parse(pi.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        throw Problems.Error(file, cell, "UnknownMethod",
            $"计分方法“{Problems.Quote(text)}”无法识别；可写：{Allowed}", $"Unknown scoring method \"{Problems.Quote(text)}\"; allowed: {Allowed}", text);
    }

    private static ScoringMethod Checklist(string? criteria, string cell, string? file, string path)
    {
        var list = new List<Criterion>();
        foreach (var raw in (criteria ?? string.Empty).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var line = raw.Normalize(NormalizationForm.FormKC);
            var m = Scored().Match(line);
            if (!m.Success)
            {
                m = AnyPoints().Match(line);
            }

            if (!m.Success)
            {
                throw Problems.Error(file, cell, "CriterionWithoutPoints",
                    $"评分标准“{Problems.Quote(raw)}”没有写明分值（如“记1分”）", $"The criterion \"{Problems.Quote(raw)}\" states no points (such as 记1分)", raw);
            }

            list.Add(new Criterion(raw, decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)));
        }

        if (list.Count == 0)
        {
            throw Problems.Error(file, cell, "CriterionWithoutPoints",
                $"计分方法为“清单”，但评分标准为空（指标 {path}）", $"The method is a checklist but the 评分标准 cell is empty (indicator {path})", criteria);
        }

        return ScoringMethod.Checklist(list);
    }
}
