using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Excel.Tests;

/// <summary>The Hebei table saved by LibreOffice Calc (Fixtures/README.md): the .xlsx reads as the JSON file grades; the .xls is refused.</summary>
public sealed class SavedByOtherProgramsTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Xlsx_saved_by_libreoffice_grades_as_the_json_file()
    {
        var grader = new Grader();
        var expected = grader.Grade(EvaluationFile.Load(Repo.Hebei));
        var actual = grader.Grade(EvaluationWorkbook.Read(Fixture("hebei-saved-by-libreoffice.xlsx")));
        Assert.Equal(98m, actual.Total);                 // DOMAIN.md: 满意度 10 × 76 ÷ 95 = 8, total 98, 优秀
        Assert.Equal("优秀", actual.Grade.Name);
        Assert.Equal(expected.Findings.Select(f => $"{f.Severity} {f.Code} {f.Path}").Order(StringComparer.Ordinal),
            actual.Findings.Select(f => $"{f.Severity} {f.Code} {f.Path}").Order(StringComparer.Ordinal));
        Assert.Equal("seed-hebei-changan-2019", actual.Evaluation.Id);   // from the 项目编号 cell, not the file name
    }

    [Fact]
    public void A_real_xls_is_refused_with_a_message()
    {
        var path = Fixture("hebei-saved-by-libreoffice.xls");
        var e = Assert.Throws<WorkbookException>(() => EvaluationWorkbook.Read(path));
        Assert.Equal("OldXlsFormat", e.Problems[0].Code);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graded_copy_of_the_libreoffice_file_is_valid_and_keeps_its_cells()
    {
        var path = Fixture("hebei-saved-by-libreoffice.xlsx");
        var result = new Grader().Grade(EvaluationWorkbook.Read(path));
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "graded.xlsx");
        GradedWorkbook.Write(path, result, output);
        using var before = new Opened(File.ReadAllBytes(path));
        using var after = new Opened(File.ReadAllBytes(output));
        var now = after.Texts("Sheet1");
        Assert.All(before.Texts("Sheet1"), kv => Assert.Equal(kv.Value, now[kv.Key]));
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(after.Doc));
    }

    [Fact]
    public void Workbook_files_are_told_from_json_files()
    {
        using var dir = new TempDir();
        var noExtension = Path.Combine(dir.Path, "upload");
        File.Copy(Fixture("hebei-saved-by-libreoffice.xls"), noExtension);
        Assert.True(EvaluationWorkbook.IsWorkbookFile(Fixture("hebei-saved-by-libreoffice.xlsx")));
        Assert.True(EvaluationWorkbook.IsWorkbookFile(noExtension));            // by its OLE signature
        Assert.True(EvaluationWorkbook.IsWorkbookFile(Path.Combine(dir.Path, "missing.XLSX")));
        Assert.False(EvaluationWorkbook.IsWorkbookFile(Repo.Hebei));
        Assert.False(EvaluationWorkbook.IsWorkbookFile(Path.Combine(dir.Path, "missing.json")));
    }
}
