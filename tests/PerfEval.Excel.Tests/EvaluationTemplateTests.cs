using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;

namespace PerfEval.Excel.Tests;

/// <summary>The blank template: the scheme's frame names and weights as the scheme states them, validation, and a filled template reads back.</summary>
public sealed class EvaluationTemplateTests
{
    private static byte[] Template(string scheme)
    {
        using var output = new MemoryStream();
        EvaluationTemplate.Write(SchemeCatalog.Default.Get(scheme), output);
        return output.ToArray();
    }

    public static TheoryData<string> Schemes()
    {
        var data = new TheoryData<string>();
        foreach (var s in SchemeCatalog.Default.Schemes)
        {
            data.Add(s.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Frame_names_and_weights_are_the_schemes(string id)
    {
        var scheme = SchemeCatalog.Default.Get(id);
        using var book = new Opened(Template(id));
        var cells = book.Texts(EvaluationTemplate.SheetName);
        Assert.Equal(id, cells["B5"]);
        Assert.Equal("一级指标", cells[$"B{EvaluationTemplate.HeaderRow}"]);

        var written = new List<(int Level, string Name, decimal? Weight)>();
        for (var r = EvaluationTemplate.HeaderRow + 1; cells.GetValueOrDefault($"A{r}") != "总分"; r++)
        {
            foreach (var (col, level) in new[] { ("B", 1), ("C", 2) })
            {
                if (cells.TryGetValue($"{col}{r}", out var text))
                {
                    var (name, weight) = LayoutReader.SplitWeight(text);
                    written.Add((level, name, weight));
                }
            }
        }

        var expected = new List<(int, string, decimal?)>();
        foreach (var top in scheme.Frame)
        {
            if (top.Children.IsEmpty && top.Name.Contains("执行率", StringComparison.Ordinal))
            {
                Assert.Equal(top.Weight?.ToString(System.Globalization.CultureInfo.InvariantCulture), cells.GetValueOrDefault("F7"));
                continue;
            }

            expected.Add((1, top.Name, top.Weight));
            expected.AddRange(top.Children.Select(c => (2, c.Name, c.Weight)));
        }

        Assert.Equal(expected, written);
    }

    [Fact]
    public void National_frame_as_the_scheme_file_states_it()
    {
        // national-2020.json: 预算执行率 10, 产出指标 50 (数量/质量/时效/成本), 效益指标 30 (经济/社会/生态/可持续影响), 满意度指标 10.
        using var book = new Opened(Template("national-2020"));
        var cells = book.Texts(EvaluationTemplate.SheetName);
        Assert.Equal("10", cells["F7"]);
        Assert.Equal("产出指标（50分）", cells["B13"]);
        Assert.Equal("数量指标", cells["C13"]);
        Assert.Equal("效益指标（30分）", cells[$"B{13 + (4 * EvaluationTemplate.RowsPerGroup)}"]);
        Assert.Equal("满意度指标（10分）", cells[$"B{13 + (8 * EvaluationTemplate.RowsPerGroup)}"]);
    }

    [Fact]
    public void Number_cells_are_validated_and_not_applicable_is_offered()
    {
        using var book = new Opened(Template("national-2020"));
        var validations = book.Part(EvaluationTemplate.SheetName).Worksheet.GetFirstChild<DataValidations>()!.Elements<DataValidation>().ToList();
        var scores = validations.Single(v => v.SequenceOfReferences!.InnerText!.Contains("G13:H", StringComparison.Ordinal));
        Assert.Equal(DataValidationValues.Decimal, scores.Type!.Value);
        Assert.Equal("0", scores.Formula1!.Text);
        Assert.Equal("100", scores.Formula2!.Text);
        var list = validations.Single(v => v.Type?.Value == DataValidationValues.List);
        Assert.Equal("\"不适用\"", list.Formula1!.Text);
        Assert.StartsWith("E13:F", list.SequenceOfReferences!.InnerText, StringComparison.Ordinal);
        Assert.False(list.ShowErrorMessage!.Value);   // any other text is still accepted
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book.Doc));
    }

    [Fact]
    public void A_filled_template_reads_back_with_the_frame_weights()
    {
        var bytes = Template("national-2020");
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var part = (WorksheetPart)doc.WorkbookPart!.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
            var data = part.Worksheet.GetFirstChild<SheetData>()!;
            void Set(string reference, object value)
            {
                Assert.True(Cells.TryParse(reference, out var pos));
                var cell = SheetEdit.CellAt(data, pos);
                if (value is decimal d)
                {
                    SheetEdit.SetNumber(cell, d);
                }
                else
                {
                    SheetEdit.SetText(cell, (string)value);
                }
            }

            Set("B3", "填好的项目");
            Set("C7", 100m);
            Set("D7", 100m);
            Set("E7", 95m);
            Set("H7", 9.5m);
            // 数量 (row 13), 质量 (16), 时效 (19), 成本 (22); 社会效益 (28); 满意度 (37).
            foreach (var (row, name, target, actual, weight) in new[]
                     {
                         (13, "完成率", "≥95%", "96%", 20m), (16, "合格率", "100%", "100%", 10m), (19, "及时率", "100%", "100%", 10m),
                         (22, "成本控制", "≤10万元", "9万元", 10m), (28, "政策知晓率", "≥90%", "95%", 30m), (37, "受益对象满意度", "≥95%", "76%", 10m),
                     })
            {
                Set($"D{row}", name);
                Set($"E{row}", target);
                Set($"F{row}", actual);
                Set($"G{row}", weight);
            }

            part.Worksheet.Save();
        }

        var e = EvaluationWorkbook.Read(new MemoryStream(stream.ToArray()), "filled.xlsx");
        Assert.Equal("national-2020", e.SchemeId);
        Assert.Equal([("预算执行率", 10m), ("产出指标", 50m), ("效益指标", 30m), ("满意度指标", 10m)], e.Indicators.Select(i => (i.Name, i.Weight!.Value)));
        Assert.Equal(["数量指标", "质量指标", "时效指标", "成本指标"], e.Indicators[1].Children.Select(c => c.Name));
        // By hand: 9.5 (95 ÷ 100 × 10) + 50 (all met) + 30 + 8 (10 × 76 ÷ 95) = 97.5.
        var r = new Grader().Grade(e);
        Assert.Equal(97.5m, r.Total);
    }
}
