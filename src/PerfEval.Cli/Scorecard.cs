using System.Globalization;
using System.Text;
using PerfEval.Grading;

namespace PerfEval.Cli;

/// <summary>Writes a graded result as a scorecard a person reads: the tree, the total, the grade, the findings.</summary>
internal static class Scorecard
{
    private const int NameColumn = 40;

    public static void Write(GradingResult r, TextWriter o)
    {
        var e = r.Evaluation;
        var places = r.Scheme.Rounding.Places;
        o.WriteLine($"PerfEval 评分卡 / scorecard");
        o.WriteLine($"项目 Project : {e.Name ?? e.Id} ({e.Id})");
        if (e.Unit is not null) o.WriteLine($"单位 Unit    : {e.Unit}");
        o.WriteLine($"方案 Scheme  : {r.Scheme.Id} — {r.Scheme.Name}");
        o.WriteLine();
        o.WriteLine(Pad("指标 Indicator", NameColumn) + "  分值 Weight   得分 Score  自评 Self   计算 / 理由");
        o.WriteLine(new string('─', NameColumn + 48));
        foreach (var i in r.Indicators)
        {
            var indent = new string(' ', (i.Level - 1) * 2);
            var lines = Wrap(i.Name + (i.IsNotApplicable ? " (不适用)" : string.Empty), NameColumn - indent.Length);
            var name = indent + lines[0];
            var weight = F(i.Weight) + (i.IsWeightAssigned ? "*" : " ");
            var score = i.IsNotApplicable ? "—" : Fixed(i.Score, places);
            var self = i.SelfScore is { } s ? F(s) : string.Empty;
            var why = i.IsLeaf ? i.Explanation.Arithmetic + "  " + i.Explanation.Zh : string.Empty;
            o.WriteLine($"{Pad(name, NameColumn)}  {weight,11}  {score,10}  {self,8}   {why}".TrimEnd());
            // A name longer than the column goes on under itself: none of it is cut.
            foreach (var rest in lines.Skip(1)) o.WriteLine((indent + rest).TrimEnd());
        }

        o.WriteLine(new string('─', NameColumn + 48));
        if (r.Indicators.Any(i => i.IsWeightAssigned)) o.WriteLine("* 报告未给分值，由方案分配 / weight assigned by the scheme");
        o.WriteLine($"总分 Total : {Fixed(r.Total, places)}   ({r.TotalExplanation.Arithmetic})");
        o.WriteLine($"等级 Grade : {r.Grade.Name}{(r.Grade.NameEn is null ? string.Empty : " (" + r.Grade.NameEn + ")")}");
        if (e.Reported.Total is { } t || e.Reported.Grade is not null)
        {
            o.WriteLine($"报告所述 Reported : {(e.Reported.Total is { } rt ? F(rt) : "—")} {e.Reported.Grade}");
        }

        o.WriteLine();
        if (r.Findings.IsEmpty)
        {
            o.WriteLine("审核发现 Findings: 无 / none");
            return;
        }

        o.WriteLine($"审核发现 Findings ({r.Findings.Length}):");
        foreach (var f in r.Findings.Where(f => f.Severity != Severity.Info))
        {
            o.WriteLine($"  [{f.Severity}] {f.Code}{(f.Path is null ? string.Empty : " @ " + f.Path)}");
            o.WriteLine($"      {f.MessageZh}");
            o.WriteLine($"      {f.MessageEn}");
        }

        // Notes are many and repeat what the tree shows; count them, the JSON result lists each.
        foreach (var group in r.Findings.Where(f => f.Severity == Severity.Info).GroupBy(f => f.Code))
        {
            var first = group.First();
            o.WriteLine($"  [Info] {group.Key} × {group.Count()}" + (group.Count() == 1 ? $": {first.MessageZh} / {first.MessageEn}" : "（逐项见 --format json / each listed in --format json）"));
        }
    }

    private static string F(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Fixed(decimal d, int places) => d.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Splits text into lines of at most <paramref name="width"/> display columns (CJK characters take two).</summary>
    internal static List<string> Wrap(string text, int width)
    {
        width = Math.Max(width, 2);
        var lines = new List<string>();
        var line = new StringBuilder();
        var w = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var cw = Width(rune.Value);
            if (w + cw > width)
            {
                lines.Add(line.ToString());
                (line, w) = (new StringBuilder(), 0);
            }

            line.Append(rune.ToString());
            w += cw;
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>Pads to a display width: CJK characters take two columns in a terminal.</summary>
    private static string Pad(string text, int width)
    {
        var w = 0;
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var cw = Width(rune.Value);
            if (w + cw > width) break;
            sb.Append(rune.ToString());
            w += cw;
        }

        return sb.Append(' ', width - w).ToString();
    }

    /// <summary>Terminal cells a character takes, by Unicode's East Asian Width (the tables Spectre.Console uses): 汉 2, a 1, a combining mark 0.</summary>
    private static int Width(int c) => Math.Max(0, Wcwidth.UnicodeCalculator.GetWidth(c));
}
