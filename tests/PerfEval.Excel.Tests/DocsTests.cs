using System.Reflection;
using System.Text.RegularExpressions;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;

namespace PerfEval.Excel.Tests;

/// <summary>docs/excel.md stays true: its sample runs, its links resolve, the tests and finding codes it names exist.</summary>
public sealed partial class DocsTests
{
    private static string Page => File.ReadAllText(Path.Combine(Repo.Root, "docs", "excel.md"));

    [Fact]
    public void The_sample_runs()
    {
        using var dir = new TempDir();
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = dir.Path;
            var grader = new Grader();
            EvaluationTemplate.Write(SchemeCatalog.Default.Get("national-2020"), "空白自评表.xlsx");
            File.WriteAllBytes("自评表.xlsx", BadWorkbookTests.Small().Build());   // stands for the officer's filled table

            ProjectEvaluation evaluation = EvaluationWorkbook.Read("自评表.xlsx");
            GradingResult result = grader.Grade(evaluation);
            GradedWorkbook.Write("自评表.xlsx", result, "自评表-审核.xlsx");

            using var stream = File.OpenRead("自评表.xlsx");
            ProjectEvaluation other = EvaluationWorkbook.Read(stream, "自评表.xlsx", new ExcelReadOptions { SchemeId = "national-2020" });

            Assert.True(File.Exists("空白自评表.xlsx"));
            Assert.Equal(98m, result.Total);
            Assert.Equal(evaluation.Id, other.Id);
            using var graded = new Opened(File.ReadAllBytes("自评表-审核.xlsx"));
            Assert.Contains(GradedWorkbook.AuditSheetName, graded.SheetNames);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Links_resolve()
    {
        foreach (Match m in LinkRegex().Matches(Page))
        {
            var target = m.Groups[1].Value.Split('#')[0];
            if (target.Length > 0 && !target.StartsWith("http", StringComparison.Ordinal))
            {
                Assert.True(File.Exists(Path.Combine(Repo.Root, "docs", target)), $"docs/excel.md links {target}, which does not exist");
            }
        }
    }

    [Fact]
    public void Named_tests_and_finding_codes_exist()
    {
        var page = Page;
        var types = typeof(DocsTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (Match m in TestNameRegex().Matches(page))
        {
            Assert.Contains(m.Groups[1].Value, types);
        }

        var table = page[page.IndexOf("Which cell a finding concerns", StringComparison.Ordinal)..page.IndexOf("Text from the input", StringComparison.Ordinal)];
        var codes = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (Match m in CodeRegex().Matches(table))
        {
            Assert.Contains(m.Value, codes);   // every code the table names is a real one
        }

        // Every code the graded copy places on a specific cell is in the table.
        foreach (var code in new[] { FindingCodes.ReportedTotalMismatch, FindingCodes.SelfScoreDiffersFromRule, FindingCodes.WeightSumMismatch, FindingCodes.TextTableMismatch, FindingCodes.ExecutionRateMismatch })
        {
            Assert.Contains(code, table, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")]
    private static partial Regex CodeRegex();

    [GeneratedRegex(@"`([A-Z][A-Za-z]+Tests)`")]
    private static partial Regex TestNameRegex();
}
