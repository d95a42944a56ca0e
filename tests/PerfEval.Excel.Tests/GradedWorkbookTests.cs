using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Excel.Tests;

/// <summary>
/// The graded copy: original cells as they came, a 计算得分 column, the findings as comments with a fill on the
/// cell at fault, and a 审核 sheet. Goldens: DOMAIN.md §6 and docs/regions (Hainan 9.71 = 118.68 ÷ 122.22 × 10,
/// total 99.03; Hebei 满意度 8 = 10 × 76 ÷ 95, total 98; Hunan's stated 96 against its scores' 96.6).
/// </summary>
public sealed class GradedWorkbookTests
{
    private static readonly Grader Grader = new();

    private static (byte[] Source, byte[] Graded, NationalTable Table, GradingResult Result) Graded(string example)
    {
        var table = new NationalTable();
        var source = table.Write(EvaluationFile.Load(Repo.Example(example))).Build();
        var result = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(source), "t.xlsx"));
        using var output = new MemoryStream();
        GradedWorkbook.Write(new MemoryStream(source), result, output, "t.xlsx");
        return (source, output.ToArray(), table, result);
    }

    [Theory]
    [InlineData("seed-hainan-baoting-2021.json")]
    [InlineData("seed-hunan-zhijiang-2020.json")]
    [InlineData("seed-sichuan-yanbian-2021-equipment.json")]
    public void Original_cells_are_unchanged(string example)
    {
        var (source, graded, _, _) = Graded(example);
        using var before = new Opened(source);
        using var after = new Opened(graded);
        var original = before.Texts("Sheet1");
        var now = after.Texts("Sheet1");
        foreach (var (cell, text) in original)
        {
            Assert.True(now.TryGetValue(cell, out var t) && t == text, $"{cell}: “{text}” became “{(now.TryGetValue(cell, out var x) ? x : "(blank)")}”");
        }

        // Only the 计算得分 column (N, one past the table's last column M… here column 15 = O) is new.
        var added = now.Keys.Except(original.Keys).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, a => Assert.StartsWith("O", a, StringComparison.Ordinal));
        Assert.Equal(["Sheet1", "审核"], after.SheetNames);
    }

    [Fact]
    public void Computed_scores_and_total_in_the_new_column()
    {
        var (_, graded, table, _) = Graded("seed-hainan-baoting-2021.json");
        using var book = new Opened(graded);
        var cells = book.Texts("Sheet1");
        Assert.Equal("计算得分", cells[$"O{NationalTable.HeaderRow}"]);
        Assert.Equal("9.71", cells["O6"]);                                      // 预算执行率 in the 项目资金 row: 118.68 ÷ 122.22 × 10
        Assert.Equal("39.32", cells[$"O{table.Rows["产出指标/数量指标"]}"]);    // assessed: the self-score
        Assert.Equal("99.03", cells[$"O{table.TotalRow}"]);
    }

    [Fact]
    public void Hebei_satisfaction_scores_8()
    {
        var (_, graded, table, _) = Graded("seed-hebei-changan-2019.json");
        using var book = new Opened(graded);
        var cells = book.Texts("Sheet1");
        Assert.Equal("8", cells[$"O{table.Rows["满意度指标/满意度指标/受益对象满意度"]}"]);
        Assert.Equal("98", cells[$"O{table.TotalRow}"]);
    }

    [Fact]
    public void Findings_are_comments_with_a_fill_on_the_cell_at_fault()
    {
        var (_, graded, table, result) = Graded("seed-hunan-zhijiang-2020.json");
        using var book = new Opened(graded);
        var comments = book.Comments("Sheet1");
        var total = $"H{table.TotalRow}";                 // the 总分 row's 得分 cell, stating 96
        Assert.Contains(FindingCodes.ReportedTotalMismatch, comments[total], StringComparison.Ordinal);
        Assert.Contains("96.6", comments[total], StringComparison.Ordinal);
        Assert.Equal(GradedWorkbook.ErrorFill, book.Fill("Sheet1", total));
        Assert.Equal(Severity.Error, result.Findings.First(f => f.Code == FindingCodes.ReportedTotalMismatch).Severity);
        Assert.Null(book.Fill("Sheet1", "B2"));           // a cell with no finding keeps no fill
        Assert.NotNull(book.Part("Sheet1").VmlDrawingParts.SingleOrDefault());
    }

    [Fact]
    public void Hainan_execution_self_score_is_flagged_on_its_score_cell()
    {
        var (_, graded, _, _) = Graded("seed-hainan-baoting-2021.json");
        using var book = new Opened(graded);
        var comments = book.Comments("Sheet1");
        Assert.Contains(FindingCodes.SelfScoreDiffersFromRule, comments["H6"], StringComparison.Ordinal); // 得分 10 against the rule's 9.71
        Assert.NotNull(book.Fill("Sheet1", "H6"));
    }

    [Fact]
    public void Audit_sheet_lists_every_finding_with_its_cell()
    {
        var (_, graded, table, result) = Graded("seed-hunan-zhijiang-2020.json");
        using var book = new Opened(graded);
        var audit = book.Texts("审核");
        Assert.Equal("96.6", audit["B2"]);
        Assert.Equal("优秀", audit["D2"]);
        Assert.Equal("单元格 Cell", audit["D4"]);
        for (var i = 0; i < result.Findings.Length; i++)
        {
            Assert.Equal(result.Findings[i].Code, audit[$"C{5 + i}"]);
        }

        var row = Enumerable.Range(5, result.Findings.Length).First(r => audit[$"C{r}"] == FindingCodes.ReportedTotalMismatch);
        Assert.Equal($"Sheet1!H{table.TotalRow}", audit[$"D{row}"]);
        Assert.False(audit.ContainsKey($"C{5 + result.Findings.Length}"));
    }

    [Theory]
    [InlineData("seed-hunan-zhijiang-2020.json")]
    [InlineData("seed-sichuan-yanbian-2021-equipment.json")]
    public void Graded_copy_is_a_valid_workbook(string example)
    {
        var (_, graded, _, _) = Graded(example);
        using var book = new Opened(graded);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book.Doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void A_value_the_reader_cannot_read_is_flagged_on_its_cell()
    {
        // "abc" is no value ValueReader knows (ValueReadError.Unrecognized): an UnreadableValue finding on the 实际完成值 cell E5, not an error.
        var source = BadWorkbookTests.Small().Set(5, 5, "abc").Build();
        var result = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(source), "u.xlsx"));
        Assert.True(result.Has(FindingCodes.UnreadableValue));
        using var output = new MemoryStream();
        GradedWorkbook.Write(new MemoryStream(source), result, output);
        using var book = new Opened(output.ToArray());
        Assert.Contains(FindingCodes.UnreadableValue, book.Comments("Sheet1")["E5"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_fill_keeps_the_cells_own_format()
    {
        // The template's body cells have a thin border (BorderId 1): the filled 得分 cell keeps it.
        using var t = new MemoryStream();
        EvaluationTemplate.Write(PerfEval.Schemes.SchemeCatalog.Default.Get("national-2020"), t);
        using var filled = new MemoryStream();
        filled.Write(t.ToArray());
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(filled, true))
        {
            var part = doc.WorkbookPart!.WorksheetParts.First();
            var data = part.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
            SheetEdit.SetText(SheetEdit.CellAt(data, new CellPos(13, 4)), "完成率");
            SheetEdit.SetText(SheetEdit.CellAt(data, new CellPos(13, 5)), "≥95%");
            SheetEdit.SetText(SheetEdit.CellAt(data, new CellPos(13, 6)), "76%");
            SheetEdit.SetNumber(SheetEdit.CellAt(data, new CellPos(13, 7)), 50m);
            SheetEdit.SetNumber(SheetEdit.CellAt(data, new CellPos(13, 8)), 50m);   // the rule gives 50 × 76 ÷ 95 = 40
            part.Worksheet.Save();
        }

        var bytes = filled.ToArray();
        var result = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(bytes), "t.xlsx"));
        Assert.Equal(40m, result["产出指标/数量指标/完成率"].Score);
        using var output = new MemoryStream();
        GradedWorkbook.Write(new MemoryStream(bytes), result, output);
        using var book = new Opened(output.ToArray());
        Assert.NotNull(book.Fill(EvaluationTemplate.SheetName, "H13"));
        var cell = book.Part(EvaluationTemplate.SheetName).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First(c => c.CellReference == "H13");
        var format = book.Doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        Assert.Equal(1u, format.BorderId!.Value);
        Assert.Contains(FindingCodes.SelfScoreDiffersFromRule, book.Comments(EvaluationTemplate.SheetName)["H13"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_and_writes_from_many_threads_agree()
    {
        var source = new NationalTable().Write(EvaluationFile.Load(Repo.Hunan)).Build();
        var results = new System.Collections.Concurrent.ConcurrentBag<(decimal Total, int Length)>();
        Parallel.For(0, 16, _ =>
        {
            var r = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(source), "p.xlsx"));
            using var output = new MemoryStream();
            GradedWorkbook.Write(new MemoryStream(source), r, output);
            results.Add((r.Total, r.Findings.Length));
        });
        Assert.Equal(16, results.Count);
        Assert.All(results, r => Assert.Equal(96.6m, r.Total));
        Assert.Single(results.Distinct());
    }
}
