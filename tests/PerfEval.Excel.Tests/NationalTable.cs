using System.Globalization;
using PerfEval.Model;

namespace PerfEval.Excel.Tests;

/// <summary>
/// Writes an evaluation into a 自评表 workbook in the national layout (财预〔2020〕10号 annex) the way a finance
/// officer fills it in: a 绩效指标 label merged down column A, 一级/二级 names merged down over their rows with
/// the branch weight printed in the name (产出指标（40分）), the budget and the execution-rate score in the
/// 项目资金 rows, a 总分 row and a 自评等级 cell. PerfEval's optional columns (计分方法, 指标方向, 评分标准,
/// 文中数值, 文中原文) carry what a JSON file states beyond the national table.
/// </summary>
internal sealed class NationalTable
{
    public const int HeaderRow = 9;

    public static readonly string[] Columns =
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "计分方法", "指标方向", "评分标准", "文中数值", "文中原文"];

    /// <summary>Numbers written as text in full-width digits on every other row (how pasted tables arrive).</summary>
    public bool FullWidthText { get; init; } = true;

    /// <summary>Whether 一级/二级 names are merged down over their rows (else written once, the rows below left blank).</summary>
    public bool MergeNames { get; init; } = true;

    /// <summary>Leaf rows by indicator path.</summary>
    public Dictionary<string, int> Rows { get; } = new(StringComparer.Ordinal);

    public int TotalRow { get; private set; }

    public int GradeRow { get; private set; }

    public Xlsx Write(ProjectEvaluation e, string sheet = "Sheet1")
    {
        var x = new Xlsx(sheet);
        x.Row(1, "项目支出绩效自评表");
        x.Merge("A1:N1");
        x.Row(2, "项目名称", e.Name);
        x.Merge("B2:N2");
        x.Row(3, "主管部门", e.Unit, null, null, "实施单位", e.Unit);
        x.Row(4, "评价方案", e.SchemeId, null, null, "项目编号", e.Id);
        var execution = e.Indicators.FirstOrDefault(i => i.IsLeaf && i.Name == "预算执行率");
        if (e.Budget is { } budget)
        {
            x.Row(5, $"项目资金（{budget.Unit ?? "万元"}）", null, "年初预算数", "全年预算数", "全年执行数");
            x.Merge("A5:A6");
            x.Row(6, null, "年度资金总额", budget.Planned, Num(budget.Planned, 6), Num(budget.Executed, 6));
            if (execution is not null || e.Reported.ExecutionRatePercent is not null)
            {
                x.Set(5, 6, "分值").Set(5, 7, "执行率").Set(5, 8, "得分");
                x.Set(6, 7, e.Reported.ExecutionRatePercent is { } rate ? Show(rate) + "%" : execution?.ActualText);
                if (execution is not null)
                {
                    x.Set(6, 6, Num(execution.Weight, 6)).Set(6, 8, Num(execution.SelfScore, 6));
                }
            }
        }

        x.Row(7, "年度总体目标", "预期目标", null, null, null, "实际完成情况");
        x.Row(8, null, "（略）", null, null, null, "（略）");
        x.Row(HeaderRow, ["绩效指标", .. Columns]);
        var row = HeaderRow + 1;
        foreach (var root in e.Indicators)
        {
            if (ReferenceEquals(root, execution))
            {
                continue;
            }

            row = WriteNode(x, root, row, 2);
        }

        x.Merge($"A{HeaderRow}:A{row - 1}");
        TotalRow = row;
        x.Set(row, 2, "总分");
        x.Merge($"B{row}:D{row}");
        if (e.Reported.Total is { } total)
        {
            x.Set(row, 8, Num(total, row));
        }

        GradeRow = row + 1;
        if (e.Reported.Grade is { } grade)
        {
            x.Row(GradeRow, "自评等级", grade);
        }

        return x;
    }

    private int WriteNode(Xlsx x, Indicator node, int row, int col)
    {
        if (node.IsLeaf)
        {
            x.Set(row, col, node.Name);
            Rows[node.Path] = row;
            x.Set(row, 5, node.TargetText);
            x.Set(row, 6, node.ActualText);
            x.Set(row, 7, Num(node.Weight, row));
            x.Set(row, 8, Num(node.SelfScore, row));
            x.Set(row, 9, node.DeviationReason);
            x.Set(row, 10, MethodText(node.Method));
            x.Set(row, 11, node.Direction switch { Direction.Positive => "正向", Direction.Negative => "反向", Direction.Equal => "等于", _ => null });
            x.Set(row, 12, node.Method is { Kind: MethodKind.Checklist } m ? string.Join("\n", m.Criteria.Select(c => c.Text)) : null);
            x.Set(row, 13, node.TextValue?.Text);
            x.Set(row, 14, node.TextQuote);
            if (node.IsNotApplicable && node.TargetText is null && node.ActualText is null)
            {
                x.Set(row, 6, "不适用");
            }

            return row + 1;
        }

        var first = row;
        var name = node.Weight is { } w ? $"{node.Name}（{Show(w)}分）" : node.Name;
        x.Set(row, col, name);
        foreach (var child in node.Children)
        {
            // A leaf directly under a level-1 node of a three-level table sits in the 三级 column only when it is level 3.
            row = WriteNode(x, child, row, child.IsLeaf ? Math.Min(col + 1, 4) : col + 1);
        }

        if (MergeNames && row - first > 1)
        {
            x.Merge($"{Xlsx.Ref(first, col)}:{Xlsx.Ref(row - 1, col)}");
        }

        return row;
    }

    private object? Num(decimal? value, int row)
    {
        if (value is not { } d)
        {
            return null;
        }

        if (FullWidthText && row % 2 == 0)
        {
            return new Xlsx.AsText(new string(Show(d).Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c == '.' ? '．' : c).ToArray()));
        }

        return d;
    }

    public static string Show(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public static string? MethodText(ScoringMethod? m) => m?.Kind switch
    {
        null => null,
        MethodKind.Proportional => "比例",
        MethodKind.ReverseLinear => "反向",
        MethodKind.ReverseRatio => "反向比例",
        MethodKind.Equal => m.OtherwiseProportional ? "等于按比例" : "等于",
        MethodKind.PerPointDeduction => $"每点扣{Show(m.PointsPerUnit)}分",
        MethodKind.PerIncident => $"每例扣{Show(m.PointsPerUnit)}分",
        MethodKind.Checklist => "清单",
        MethodKind.Qualitative => "定性",
        MethodKind.Assessed => "评议",
        MethodKind.ExecutionRate => "执行率",
        _ => throw new ArgumentException($"No 计分方法 text for {m.Kind}"),
    };
}
