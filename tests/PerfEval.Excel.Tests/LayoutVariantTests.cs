using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Excel.Tests;

/// <summary>
/// Regional layouts read by their headers: the Hunan table's weight column per level with 指标解释/评价标准/评分,
/// a 权重 column with the columns reordered and names repeated on every row, no 二级 column, blank continuation
/// rows instead of merges, and the table on a second sheet. Each grades as the JSON file (or the hand sum) says.
/// </summary>
public sealed class LayoutVariantTests
{
    private static readonly Grader Grader = new();

    private static void SameAsJson(string example, Xlsx workbook)
    {
        var expected = Grader.Grade(EvaluationFile.Load(Repo.Example(example)));
        var actual = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(workbook.Build()), "variant.xlsx"));
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Grade.Name, actual.Grade.Name);
        Assert.Equal(
            expected.Indicators.Select(i => (i.Path, i.Weight, i.Score)).OrderBy(i => i.Path, StringComparer.Ordinal),
            actual.Indicators.Select(i => (i.Path, i.Weight, i.Score)).OrderBy(i => i.Path, StringComparer.Ordinal));
        Assert.Equal(
            expected.Findings.Select(f => $"{f.Severity} {f.Code} {f.Path}").Order(StringComparer.Ordinal),
            actual.Findings.Select(f => $"{f.Severity} {f.Code} {f.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hunan_table_with_a_weight_column_per_level()
    {
        // The seed's own columns: 一级指标 / 分值 / 二级指标 / 分值 / 三级指标 / 分值 / 指标解释 / 评价标准 / 评分 / 备注
        // (plus PerfEval's 计分方法 and 指标方向); the scores add up to 96.6 against the stated 96.
        var table = new VariantTable(Names.Merged,
            ("一级指标", Field.L1), ("分值", Field.W1), ("二级指标", Field.L2), ("分值", Field.W2), ("三级指标", Field.L3), ("分值", Field.W3),
            ("指标解释", Field.Explanation), ("评价标准", Field.Criteria), ("评分", Field.Score), ("备注", Field.Note),
            ("计分方法", Field.Method), ("指标方向", Field.Direction));
        var x = table.Write(EvaluationFile.Load(Repo.Hunan));
        SameAsJson("seed-hunan-zhijiang-2020.json", x);
        var e = EvaluationWorkbook.Read(new MemoryStream(x.Build()), "hunan.xlsx");
        Assert.Equal(96m, e.Reported.Total);
        Assert.Equal(96.6m, Grader.Grade(e).Total);
        var checklist = e.Walk().First(i => i.Name == "绩效指标明确性").Method!;
        Assert.Equal([1m, 1m, 0.5m, 0.5m], checklist.Criteria.Select(c => c.Points));   // “…记0.5分” read from 评价标准
    }

    [Fact]
    public void Weight_column_reordered_and_names_repeated()
    {
        var table = new VariantTable(Names.Repeated,
            ("三级指标", Field.L3), ("一级指标", Field.L1), ("二级指标", Field.L2), ("预期指标值", Field.Target), ("权重", Field.W3),
            ("实际完成指标值", Field.Actual), ("自评得分", Field.Score), ("计分方法", Field.Method), ("指标方向", Field.Direction));
        SameAsJson("seed-hebei-changan-2019.json", table.Write(EvaluationFile.Load(Repo.Hebei)));
    }

    [Fact]
    public void No_second_level_column()
    {
        // national-2020 with 一级 → leaf directly. By hand: 30 (95% of ≥95%) + 20 × 90 ÷ 100 = 18 + 30 (90% of ≥90%)
        // + 10 × 76 ÷ 95 = 8 + 预算执行率 95 ÷ 100 × 10 = 9.5 → 95.5, 优 (≥ 90).
        var x = new Xlsx();
        x.Row(1, "评价方案", "national-2020", "项目名称", "两级指标表");
        x.Row(2, "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分");
        x.Row(3, "年度资金总额", 100m, 100m, 95m, 10m, "95%", 9.5m);
        x.Row(4, "一级指标", "三级指标", "指标值", "完成值", "分值", "得分");
        x.Row(5, "产出指标（50分）", "完成率", "≥95%", "95%", 30m, 30m);
        x.Row(6, null, "合格率", "100%", "90%", 20m, 18m);
        x.Row(7, "效益指标（30分）", "政策知晓率", "≥90%", "90%", 30m, 30m);
        x.Row(8, "满意度指标（10分）", "受益对象满意度", "≥95%", "76%", 10m, 8m);
        x.Row(9, "总分", null, null, null, 100m, 95.5m);
        var e = EvaluationWorkbook.Read(new MemoryStream(x.Build()), "two-level.xlsx");
        Assert.Equal(["预算执行率", "产出指标/完成率", "产出指标/合格率", "效益指标/政策知晓率", "满意度指标/受益对象满意度"],
            e.Walk().Where(i => i.IsLeaf).Select(i => i.Path));
        var r = Grader.Grade(e);
        Assert.Equal(95.5m, r.Total);
        Assert.Equal("优", r.Grade.Name);
        Assert.Equal(9.5m, r["预算执行率"].Score);
        Assert.Equal(18m, r["产出指标/合格率"].Score);
        Assert.False(r.Has(FindingCodes.ReportedTotalMismatch));
    }

    [Theory]
    [InlineData("seed-guangdong-dabu-2021.json")]
    [InlineData("seed-sichuan-yanbian-2021-network.json")]
    public void Blank_continuation_rows_instead_of_merges(string example)
    {
        var table = new NationalTable { MergeNames = false };
        SameAsJson(example, table.Write(EvaluationFile.Load(Repo.Example(example))));
    }

    [Fact]
    public void Table_on_a_second_sheet_with_numbers_as_inline_text()
    {
        var x = new Xlsx("说明");
        x.Row(1, "填表说明：请在附表1中填写。");
        var table = BadWorkbookTests.Small();
        x.Sheet("附表1");
        for (var r = 1; r <= 6; r++)
        {
            for (var c = 1; c <= 8; c++)
            {
                var v = table.Get(r, c);
                x.Set(r, c, v is decimal d ? new Xlsx.Inline(d.ToString(System.Globalization.CultureInfo.InvariantCulture)) : v);
            }
        }

        var e = EvaluationWorkbook.Read(new MemoryStream(x.Build()), "two-sheets.xlsx");
        Assert.Equal(98m, Grader.Grade(e).Total);   // 90 + 10 × 76 ÷ 95
        Assert.Equal("two-sheets.xlsx!附表1", e.Source);
        Assert.Throws<WorkbookException>(() => EvaluationWorkbook.Read(new MemoryStream(x.Build()), "x.xlsx", new ExcelReadOptions { SheetName = "说明" }));
    }

    [Fact]
    public void Header_block_labels_and_goals()
    {
        // The Sichuan equipment table's 年度总体目标 texts (docs/examples notes), a unit in 主管部门 only, a grade after a colon.
        var x = BadWorkbookTests.Small();
        x.Set(2, 3, "主管部门").Set(2, 4, "攀枝花市盐边县人力资源和社会保障局");
        x.Row(7, "自评等级：优");
        var top = new Xlsx();
        for (var r = 1; r <= 7; r++)
        {
            for (var c = 1; c <= 8; c++)
            {
                top.Set(r + 3, c, x.Get(r, c));
            }
        }

        top.Row(1, "年度总体目标", "预期目标", null, null, "实际完成情况");
        top.Row(2, null, "落实省厅社会保险经办标准化建设", null, null, "采购了一批办公设备");
        var e = EvaluationWorkbook.Read(new MemoryStream(top.Build()), "goals.xlsx");
        Assert.Equal("测试项目", e.Name);
        Assert.Equal("攀枝花市盐边县人力资源和社会保障局", e.Unit);
        Assert.Equal("优", e.Reported.Grade);
        Assert.Equal(98m, e.Reported.Total);
        Assert.Contains("年度总体目标 预期目标：落实省厅社会保险经办标准化建设", e.Notes);
        Assert.Contains("年度总体目标 实际完成情况：采购了一批办公设备", e.Notes);
    }

    [Fact]
    public void Headers_broken_over_lines_and_with_bracketed_notes()
    {
        var x = BadWorkbookTests.Small();
        x.Row(3, "一级\n指标", "二级 指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值（分）", "得分(分)", "偏差原因分析\n及改进措施");
        var r = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(x.Build()), "wrapped.xlsx"));
        Assert.Equal(98m, r.Total);   // 90 + 10 × 76 ÷ 95
        Assert.Equal(10m, r["满意度指标/满意度指标/满意度"].Weight);
    }
}
