using DocumentFormat.OpenXml.Spreadsheet;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Excel.Tests;

/// <summary>Formulas, error cells, formula text from the input, a graded copy graded again, and mutated workbooks.</summary>
public sealed class ReliabilityTests
{
    private static readonly Grader Grader = new();

    [Fact]
    public void A_formula_cell_reads_as_its_cached_value()
    {
        var x = BadWorkbookTests.Small().Set(6, 7, new Xlsx.Formula("SUM(G4:G5)", 98m)).Set(4, 6, new Xlsx.Formula("100-F5", 90m));
        var e = EvaluationWorkbook.Read(new MemoryStream(x.Build()), "formula.xlsx");
        Assert.Equal(98m, e.Reported.Total);
        Assert.Equal(90m, e.Indicators[0].Children[0].Children[0].Weight);
    }

    [Fact]
    public void An_error_cell_is_not_a_number()
    {
        var e = Assert.Throws<WorkbookException>(() =>
            EvaluationWorkbook.Read(new MemoryStream(BadWorkbookTests.Small().Set(5, 7, new Xlsx.Error("#DIV/0!")).Build()), "err.xlsx"));
        Assert.Equal("Sheet1!G5", e.Cell);
        Assert.Contains("#DIV/0!", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formula_text_from_the_input_is_written_as_text()
    {
        const string payload = "=cmd|' /C calc'!A0";
        var x = BadWorkbookTests.Small().Set(2, 2, payload).Set(5, 5, "=HYPERLINK(\"http://x.invalid\",\"点击\")");
        var source = x.Build();
        var result = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(source), "inject.xlsx"));
        Assert.Equal(payload, result.Evaluation.Name);
        using var output = new MemoryStream();
        GradedWorkbook.Write(new MemoryStream(source), result, output, "inject.xlsx");
        using var book = new Opened(output.ToArray());
        Assert.Empty(book.Doc.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()));
        Assert.Contains(book.Texts("审核").Values, v => v.Contains(payload, StringComparison.Ordinal));
    }

    [Fact]
    public void A_graded_copy_graded_again_keeps_the_first_comments()
    {
        var table = new NationalTable();
        var source = table.Write(EvaluationFile.Load(Repo.Hunan)).Build();
        var result = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(source), "h.xlsx"));
        using var once = new MemoryStream();
        GradedWorkbook.Write(new MemoryStream(source), result, once, "h.xlsx");

        var again = Grader.Grade(EvaluationWorkbook.Read(new MemoryStream(once.ToArray()), "h1.xlsx"));
        Assert.Equal(result.Total, again.Total);  // the 计算得分 column and the 审核 sheet do not change the reading
        using var twice = new MemoryStream();
        GradedWorkbook.Write(new MemoryStream(once.ToArray()), again, twice, "h1.xlsx");
        using var book = new Opened(twice.ToArray());
        Assert.Equal(["Sheet1", "审核", "审核2"], book.SheetNames);
        var comment = book.Comments("Sheet1")[$"H{table.TotalRow}"];
        Assert.Contains("PerfEval:", comment, StringComparison.Ordinal);   // the second pass follows the first one's text
        Assert.Equal(2, comment.Split(FindingCodes.ReportedTotalMismatch).Length - 1);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book.Doc));
    }

    /// <summary>
    /// 1 000 mutants (seed 20261204) of a national-layout workbook: bytes flipped or cut, inside the ZIP and in the
    /// sheet XML. Every one reads (and its graded copy is written) or is a <see cref="WorkbookException"/>
    /// (or, from the grader, another <see cref="PerfEvalException"/>); no other exception escapes.
    /// </summary>
    [Fact]
    public void Mutated_workbooks_read_or_fail_typed()
    {
        var good = new NationalTable().Write(EvaluationFile.Load(Repo.Hebei)).Build();
        var sheetXml = MutableSheet(good);
        var random = new Random(20261204);
        var (read, refused) = (0, 0);
        for (var i = 0; i < 1000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = (byte[])good.Clone();
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                if (random.Next(4) == 0)
                {
                    bytes = bytes[..random.Next(bytes.Length)];
                }
            }
            else
            {
                var xml = sheetXml.ToCharArray();
                for (var k = 0; k < 1 + random.Next(6); k++)
                {
                    xml[random.Next(xml.Length)] = "<>\"/=0aé1 rtv"[random.Next(13)];
                }

                bytes = WithSheet(good, new string(xml));
            }

            try
            {
                var e = EvaluationWorkbook.Read(new MemoryStream(bytes), "m.xlsx");
                GradedWorkbook.Write(new MemoryStream(bytes), Grader.Grade(e), new MemoryStream(), "m.xlsx");
                read++;
            }
            catch (WorkbookException)
            {
                refused++;
            }
            catch (PerfEvalException)
            {
                refused++;   // e.g. an unknown scheme id after a mutation, from the grader
            }
        }

        Console.WriteLine($"Mutated workbooks: 1000 inputs, {read} read and graded, {refused} refused with a typed error");
        Assert.Equal(1000, read + refused);
        Assert.True(refused > 0 && read > 0, $"read {read}, refused {refused}");
    }

    private static string MutableSheet(byte[] workbook)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook));
        using var r = new StreamReader(zip.GetEntry(SheetEntry(zip))!.Open());
        return r.ReadToEnd();
    }

    private static string SheetEntry(System.IO.Compression.ZipArchive zip) =>
        zip.Entries.First(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).FullName;

    private static byte[] WithSheet(byte[] workbook, string xml)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var name = SheetEntry(zip);
            zip.GetEntry(name)!.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(xml);
        }

        return stream.ToArray();
    }
}
