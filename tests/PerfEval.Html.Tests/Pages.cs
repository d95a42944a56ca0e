using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Html.Tests;

/// <summary>Grades the bundled examples and parses pages with AngleSharp (an HTML5 parser, as a browser parses).</summary>
internal static class Pages
{
    private static readonly Grader Grader = new();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Repo.ExampleFiles) data.Add(Path.GetFileName(file));
        return data;
    }

    public static GradingResult Grade(string example) => Grader.Grade(EvaluationFile.Load(Repo.Example(example)));

    public static GradingResult Grade(PerfEval.Model.ProjectEvaluation evaluation) => Grader.Grade(evaluation);

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The total as the page prints it: to the scheme's places, invariant.</summary>
    public static string Total(GradingResult r) =>
        r.Total.ToString("F" + r.Scheme.Rounding.Places.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    public static decimal Number(string? attribute)
    {
        Assert.NotNull(attribute);
        return decimal.Parse(attribute, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
    }
}
