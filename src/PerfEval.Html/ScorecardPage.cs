using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PerfEval.Grading;
using PerfEval.Model;

namespace PerfEval.Html;

/// <summary>
/// Writes a graded result as one self-contained HTML page: the project header, the total and grade, a bar per
/// 一级指标 (score against weight, inline SVG), the indicator tree with computed score, self-score and the
/// arithmetic, the reported-vs-computed comparison, and the findings grouped by severity with the indicator and
/// the JSON path (or cell) they concern. Chinese and English labels, as the text scorecard.
/// </summary>
/// <remarks>
/// <para>The page loads nothing: the CSS is inline, the chart is inline SVG, fonts are the reader's own (a CJK
/// sans-serif is asked for by name), there is no script. It reads on a phone (viewport meta, the tree turns into
/// cards below 40 em) and prints on A4 (<c>@page { size: A4 }</c>, print colours, rows kept whole).</para>
/// <para>Every text that comes from the result (names, values, messages, paths, the title) is HTML-encoded by
/// <see cref="HtmlEncoder"/>; the page holds no markup of the input's.</para>
/// <para>Thread-safe: the methods keep no state; a result may be written by many threads at once.</para>
/// </remarks>
public static class ScorecardPage
{
    /// <summary>The width, in SVG user units, of the bar of the heaviest 一级指标; others are shorter in proportion to their weight.</summary>
    internal const decimal TrackWidth = 600m;

    private const int BarRowHeight = 52;

    // Encodes &lt; &gt; &amp; quotes and controls, but leaves Chinese text readable in the file.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Writes the page for <paramref name="result"/> to <paramref name="output"/> (UTF-8 is the encoding the page declares).</summary>
    /// <param name="result">The graded result.</param>
    /// <param name="output">Where the HTML goes; not closed.</param>
    /// <param name="options">What to add beyond the result; <see langword="null"/> for <see cref="ScorecardPageOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="result"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">When <paramref name="output"/> cannot be written.</exception>
    public static void Write(GradingResult result, TextWriter output, ScorecardPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        new PageWriter(result, output, options ?? ScorecardPageOptions.Default).Write();
    }

    /// <summary>The page for <paramref name="result"/> as a string.</summary>
    /// <param name="result">The graded result.</param>
    /// <param name="options">What to add beyond the result; <see langword="null"/> for <see cref="ScorecardPageOptions.Default"/>.</param>
    /// <returns>The whole HTML document.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="result"/> is <see langword="null"/>.</exception>
    public static string Render(GradingResult result, ScorecardPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(result, writer, options);
        return writer.ToString();
    }

    /// <summary>HTML-encodes text from the input (element content and quoted attribute values alike).</summary>
    internal static string H(string? text) => text is null ? string.Empty : Encoder.Encode(text);

    /// <summary>A figure as the text scorecard prints it: invariant, no trailing zeros.</summary>
    internal static string F(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>A figure to a fixed number of places, invariant.</summary>
    internal static string Fixed(decimal d, int places) => d.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>An SVG length: invariant, at most two places.</summary>
    internal static string Svg(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The fill of a bar for <paramref name="score"/> of <paramref name="weight"/> on a track <paramref name="track"/> wide: in proportion, within the track.</summary>
    internal static decimal FillWidth(decimal track, decimal score, decimal weight) =>
        weight <= 0m ? 0m : Math.Clamp(track * score / weight, 0m, track);

    private sealed class PageWriter(GradingResult r, TextWriter o, ScorecardPageOptions options)
    {
        private readonly int _places = r.Scheme.Rounding.Places;
        private readonly ProjectEvaluation _e = r.Evaluation;
        private readonly Dictionary<string, Indicator> _inputs = r.Evaluation.Walk().ToDictionary(i => i.Path, StringComparer.Ordinal);

        public void Write()
        {
            var name = _e.Name ?? _e.Id;
            var title = options.Title ?? "评分卡 Scorecard — " + name;
            o.Write("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
            o.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            o.Write("<meta name=\"generator\" content=\"PerfEval\">\n");
            o.Write("<title>" + H(title) + "</title>\n<style>\n" + Css + "</style>\n</head>\n<body>\n<main>\n");
            Header(name);
            Summary();
            Bars();
            Comparison();
            Tree();
            Findings();
            Notes();
            o.Write("<footer><p>PerfEval 评分卡 / scorecard · 方案 Scheme " + H(r.Scheme.Id) + " · 四舍五入 to " + r.Scheme.Rounding.Places.ToString(CultureInfo.InvariantCulture)
                + " 位 places" + (options.GeneratedAt is { } at ? " · 生成 Generated " + H(at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)) : string.Empty)
                + "</p></footer>\n</main>\n</body>\n</html>\n");
        }

        private void Header(string name)
        {
            o.Write("<header>\n<p class=\"kicker\">PerfEval 评分卡 / scorecard</p>\n<h1 id=\"project-name\">" + H(name) + "</h1>\n<dl class=\"facts\">\n");
            Fact("项目编号", "Project id", _e.Id);
            Fact("单位", "Unit", _e.Unit);
            Fact("地区", "Region", _e.Region);
            Fact("年度", "Year", _e.Year?.ToString(CultureInfo.InvariantCulture));
            Fact("方案", "Scheme", r.Scheme.Id + " — " + r.Scheme.Name + (r.Scheme.NameEn is null ? string.Empty : " / " + r.Scheme.NameEn));
            if (_e.Budget is { } b)
            {
                var unit = b.Unit is null ? string.Empty : " " + b.Unit;
                Fact("预算 / 执行", "Planned / executed", F(b.Planned) + unit + " / " + F(b.Executed) + unit);
            }

            Fact("来源", "Source", _e.Source);
            o.Write("</dl>\n</header>\n");
        }

        private void Fact(string zh, string en, string? value)
        {
            if (value is null) return;
            o.Write("<div><dt>" + zh + " <span class=\"en\">" + en + "</span></dt><dd>" + H(value) + "</dd></div>\n");
        }

        private void Summary()
        {
            var errors = r.Findings.Count(f => f.Severity == Severity.Error);
            var warnings = r.Findings.Count(f => f.Severity == Severity.Warning);
            o.Write("<section class=\"summary\" aria-label=\"总分与等级 Total and grade\">\n");
            o.Write("<div class=\"big\"><span class=\"label\">总分 Total</span><span id=\"total\" class=\"number\">" + Fixed(r.Total, _places) + "</span><span class=\"of\">/ 100</span></div>\n");
            o.Write("<div class=\"big\"><span class=\"label\">等级 Grade</span><span id=\"grade\" class=\"grade\">" + H(r.Grade.Name) + "</span>"
                + (r.Grade.NameEn is null ? string.Empty : "<span id=\"grade-en\" class=\"of\">" + H(r.Grade.NameEn) + "</span>") + "</div>\n");
            o.Write("<div class=\"big\"><span class=\"label\">审核 Audit</span><span class=\"counts\"><span class=\"sev-error\">" + errors.ToString(CultureInfo.InvariantCulture)
                + " 错误 errors</span> · <span class=\"sev-warning\">" + warnings.ToString(CultureInfo.InvariantCulture) + " 警告 warnings</span></span></div>\n");
            o.Write("<p class=\"arithmetic\">计算 Arithmetic: <code>" + H(r.TotalExplanation.Arithmetic) + "</code><br>" + H(r.TotalExplanation.Zh)
                + " <span class=\"en\">" + H(r.TotalExplanation.En) + "</span></p>\n");
            o.Write("<p class=\"bands\">等级线 Grade bands: " + string.Join(" · ", r.Scheme.Grades.Select(g => H(g.Name) + " ≥ " + F(g.Min))) + "</p>\n");
            o.Write("</section>\n");
        }

        private void Bars()
        {
            var roots = r.Indicators.Where(i => i.Level == 1).ToList();
            if (roots.Count == 0) return;
            var maxWeight = Math.Max(roots.Max(i => i.Weight), 0.0001m);
            var height = (roots.Count * BarRowHeight) + 4;
            o.Write("<section id=\"bars\">\n<h2>一级指标得分 <span class=\"en\">Level-1 scores against weights</span></h2>\n");
            o.Write("<svg class=\"bars\" role=\"img\" aria-label=\"一级指标得分与分值 Level-1 scores against weights\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
                + Svg(TrackWidth) + " " + height.ToString(CultureInfo.InvariantCulture) + "\" preserveAspectRatio=\"xMinYMin meet\">\n");
            for (var n = 0; n < roots.Count; n++)
            {
                var i = roots[n];
                var y = n * BarRowHeight;
                var track = TrackWidth * i.Weight / maxWeight;
                var fill = i.IsNotApplicable ? 0m : FillWidth(track, i.Score, i.Weight);
                var label = i.IsNotApplicable
                    ? "不适用 N/A · 分值 " + F(i.Weight)
                    : Fixed(i.Score, _places) + " / " + F(i.Weight) + (i.Weight > 0 ? " (" + Fixed(i.Score / i.Weight * 100m, 1) + "%)" : string.Empty);
                o.Write("<g class=\"bar" + (i.IsNotApplicable ? " na" : string.Empty) + "\" data-path=\"" + H(i.Path) + "\">\n");
                o.Write("<title>" + H(i.Name) + ": " + H(label) + "</title>\n");
                o.Write("<text class=\"bar-name\" x=\"0\" y=\"" + Svg(y + 20) + "\">" + H(i.Name) + "</text>\n");
                o.Write("<text class=\"bar-value\" x=\"" + Svg(TrackWidth) + "\" y=\"" + Svg(y + 20) + "\" text-anchor=\"end\">" + H(label) + "</text>\n");
                o.Write("<rect class=\"track\" x=\"0\" y=\"" + Svg(y + 28) + "\" width=\"" + Svg(track) + "\" height=\"14\" rx=\"3\"/>\n");
                o.Write("<rect class=\"fill\" x=\"0\" y=\"" + Svg(y + 28) + "\" width=\"" + Svg(fill) + "\" height=\"14\" rx=\"3\"/>\n");
                o.Write("</g>\n");
            }

            o.Write("</svg>\n<p class=\"hint\">条长按分值，填充按得分 / each bar's length is the weight, its fill the score.</p>\n</section>\n");
        }

        private void Comparison()
        {
            var rep = _e.Reported;
            o.Write("<section id=\"comparison\">\n<h2>报告所述与计算 <span class=\"en\">Reported vs computed</span></h2>\n<div class=\"scroll\"><table class=\"compare\">\n");
            o.Write("<thead><tr><th>项目 Item</th><th>报告所述 Reported</th><th>计算 Computed</th><th>差 Difference</th><th>结论 Verdict</th></tr></thead>\n<tbody>\n");
            CompareRow("总分", "Total", rep.Total is { } t ? F(t) : null, Fixed(r.Total, _places),
                rep.Total is { } t2 ? F(r.Total - t2) : null, FindingCodes.ReportedTotalMismatch, FindingCodes.RuleTotalDiffers);
            CompareRow("等级", "Grade", rep.Grade, r.Grade.Name + (r.Grade.NameEn is null ? string.Empty : " (" + r.Grade.NameEn + ")"), null,
                FindingCodes.ReportedGradeMismatch, FindingCodes.RuleGradeDiffers);
            if (rep.ExecutionRatePercent is not null || _e.Budget is not null)
            {
                var computed = _e.Budget?.ExecutionRatePercent;
                CompareRow("预算执行率", "Budget execution rate", rep.ExecutionRatePercent is { } x ? F(x) + "%" : null,
                    computed is { } c ? Fixed(c, 2) + "%" : null,
                    rep.ExecutionRatePercent is { } x2 && computed is { } c2 ? Fixed(c2 - x2, 2) : null, FindingCodes.ExecutionRateMismatch);
            }

            o.Write("</tbody>\n</table></div>\n</section>\n");
        }

        private void CompareRow(string zh, string en, string? reported, string? computed, string? difference, params string[] codes)
        {
            var found = codes.Where(r.Has).ToList();
            var verdict = reported is null
                ? "<span class=\"muted\">报告未给出 not stated</span>"
                : found.Count > 0
                    ? "<span class=\"bad\">不符 differs: " + string.Join(", ", found.Select(c => "<code>" + H(c) + "</code>")) + "</span>"
                    : "<span class=\"good\">一致 agrees</span>";
            o.Write("<tr><th scope=\"row\">" + zh + " <span class=\"en\">" + en + "</span></th><td>" + (reported is null ? "—" : H(reported)) + "</td><td>"
                + (computed is null ? "—" : H(computed)) + "</td><td>" + (difference is null ? "—" : H(difference)) + "</td><td>" + verdict + "</td></tr>\n");
        }

        private void Tree()
        {
            o.Write("<section id=\"tree\">\n<h2>指标 <span class=\"en\">Indicators</span></h2>\n<table class=\"tree\">\n");
            o.Write("<thead><tr><th>指标 Indicator</th><th>分值 Weight</th><th>目标值 Target</th><th>实际完成值 Actual</th><th>得分 Score</th><th>自评 Self</th><th>计算 / 理由 Arithmetic / reason</th></tr></thead>\n<tbody>\n");
            foreach (var i in r.Indicators)
            {
                _inputs.TryGetValue(i.Path, out var input);
                var level = Math.Clamp(i.Level, 1, 6).ToString(CultureInfo.InvariantCulture);
                var differs = i.SelfScore is { } s && s != i.Score && !i.IsNotApplicable;
                var classes = "level-" + level + (i.IsLeaf ? " leaf" : " branch") + (i.IsNotApplicable ? " na" : string.Empty) + (differs ? " differs" : string.Empty);
                o.Write("<tr class=\"" + classes + "\" data-path=\"" + H(i.Path) + "\">");
                o.Write("<td class=\"name\" data-label=\"指标 Indicator\">" + H(i.Name) + (i.IsNotApplicable ? " <span class=\"tag\">不适用 N/A</span>" : string.Empty) + "</td>");
                o.Write("<td class=\"num\" data-label=\"分值 Weight\">" + F(i.Weight) + (i.IsWeightAssigned ? "<sup title=\"报告未给分值，由方案分配 / weight assigned by the scheme\">*</sup>" : string.Empty) + "</td>");
                o.Write("<td data-label=\"目标值 Target\">" + H(input?.TargetText) + "</td>");
                o.Write("<td data-label=\"实际完成值 Actual\">" + H(input?.ActualText)
                    + (input?.DeviationReason is { } why ? "<div class=\"deviation\">偏差原因 Deviation: " + H(why) + "</div>" : string.Empty) + "</td>");
                o.Write("<td class=\"num score\" data-label=\"得分 Score\">" + (i.IsNotApplicable ? "—" : Fixed(i.Score, _places)) + "</td>");
                o.Write("<td class=\"num self\" data-label=\"自评 Self\">" + (i.SelfScore is { } self ? F(self) : string.Empty) + "</td>");
                o.Write("<td class=\"why\" data-label=\"计算 / 理由 Arithmetic / reason\"><code>" + H(i.Explanation.Arithmetic) + "</code>");
                if (i.IsLeaf)
                {
                    o.Write("<div>" + H(i.Explanation.Zh) + "</div><div class=\"en\">" + H(i.Explanation.En) + "</div>");
                }

                o.Write("</td></tr>\n");
            }

            o.Write("</tbody>\n</table>\n");
            if (r.Indicators.Any(i => i.IsWeightAssigned)) o.Write("<p class=\"hint\">* 报告未给分值，由方案分配 / weight assigned by the scheme</p>\n");
            o.Write("</section>\n");
        }

        private void Findings()
        {
            o.Write("<section id=\"findings\">\n<h2>审核发现 <span class=\"en\">Findings</span> (" + r.Findings.Length.ToString(CultureInfo.InvariantCulture) + ")</h2>\n");
            if (r.Findings.IsEmpty)
            {
                o.Write("<p class=\"good\">无 / none</p>\n</section>\n");
                return;
            }

            foreach (var (severity, zh) in new[] { (Severity.Error, "错误"), (Severity.Warning, "警告"), (Severity.Info, "提示") })
            {
                var group = r.Findings.Where(f => f.Severity == severity).ToList();
                if (group.Count == 0) continue;
                var id = severity.ToString().ToLowerInvariant();
                o.Write("<section class=\"severity sev-" + id + "\" id=\"findings-" + id + "\">\n<h3>" + zh + " <span class=\"en\">" + severity.ToString()
                    + "</span> (" + group.Count.ToString(CultureInfo.InvariantCulture) + ")</h3>\n");
                if (severity == Severity.Info && !options.ListNotes)
                {
                    o.Write("<ul class=\"counts\">\n");
                    foreach (var byCode in group.GroupBy(f => f.Code, StringComparer.Ordinal))
                    {
                        o.Write("<li class=\"finding\" data-code=\"" + H(byCode.Key) + "\"><code class=\"code\">" + H(byCode.Key) + "</code> × "
                            + byCode.Count().ToString(CultureInfo.InvariantCulture) + "</li>\n");
                    }

                    o.Write("</ul>\n</section>\n");
                    continue;
                }

                o.Write("<ol class=\"findings\">\n");
                foreach (var f in group)
                {
                    Finding(f);
                }

                o.Write("</ol>\n</section>\n");
            }

            o.Write("</section>\n");
        }

        private void Finding(Finding f)
        {
            o.Write("<li class=\"finding\" data-code=\"" + H(f.Code) + "\">\n<p class=\"head\"><code class=\"code\">" + H(f.Code) + "</code>");
            o.Write(f.Path is null ? " <span class=\"where\">项目 whole project</span>" : " <span class=\"where\">@ <span class=\"path\">" + H(f.Path) + "</span></span>");
            o.Write("</p>\n<p class=\"zh\" lang=\"zh-CN\">" + H(f.MessageZh) + "</p>\n<p class=\"en\" lang=\"en\">" + H(f.MessageEn) + "</p>\n");
            if (!f.Evidence.IsDefaultOrEmpty)
            {
                o.Write("<table class=\"evidence\"><thead><tr><th>依据 Figure</th><th>值 Value</th><th>来源 Source</th></tr></thead><tbody>\n");
                foreach (var x in f.Evidence)
                {
                    o.Write("<tr><td>" + H(x.Figure) + "</td><td class=\"value\">" + H(x.Value) + "</td><td><code class=\"source\">" + H(x.Source) + "</code></td></tr>\n");
                }

                o.Write("</tbody></table>\n");
            }

            o.Write("</li>\n");
        }

        private void Notes()
        {
            if (_e.Notes.IsDefaultOrEmpty) return;
            o.Write("<section id=\"notes\">\n<h2>说明 <span class=\"en\">Notes on the transcription</span></h2>\n<ul>\n");
            foreach (var note in _e.Notes)
            {
                o.Write("<li>" + H(note) + "</li>\n");
            }

            o.Write("</ul>\n</section>\n");
        }
    }

    private const string Css = """
        :root { --ink: #1d2330; --muted: #5b6473; --line: #d8dce3; --accent: #1f5fae; --track: #e3e8f0; --good: #1d7a3a; --bad: #b3261e; --warn: #9a5b00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: .1rem 0 .6rem; }
        h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
        .en { color: var(--muted); font-weight: normal; }
        .kicker { margin: 0; color: var(--accent); font-weight: bold; letter-spacing: .05em; }
        code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .2rem 1.2rem; margin: 0; }
        .facts div { display: flex; gap: .5rem; } .facts dt { color: var(--muted); white-space: nowrap; } .facts dd { margin: 0; overflow-wrap: anywhere; }
        .summary { display: flex; flex-wrap: wrap; gap: .8rem 2.4rem; align-items: flex-end; margin-top: 1rem; padding: .8rem 1rem; background: #f3f6fa; border-radius: 6px; }
        .big { display: flex; flex-direction: column; } .big .label { color: var(--muted); font-size: .85rem; }
        .number, .grade { font-size: 2.4rem; font-weight: bold; line-height: 1.1; color: var(--accent); } .of { color: var(--muted); }
        .summary .arithmetic, .summary .bands { flex-basis: 100%; margin: 0; }
        .counts { font-size: 1.1rem; }
        .sev-error, .bad { color: var(--bad); } .sev-warning { color: var(--warn); } .good { color: var(--good); } .muted { color: var(--muted); }
        svg.bars { width: 100%; max-width: 44rem; height: auto; display: block; }
        svg.bars .track { fill: var(--track); } svg.bars .fill { fill: var(--accent); } svg.bars .na .track { fill: none; stroke: var(--line); stroke-dasharray: 4 3; }
        svg.bars text { font-size: 14px; fill: var(--ink); } svg.bars .bar-value { fill: var(--muted); }
        .hint { color: var(--muted); font-size: .85rem; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
        thead th { background: #f3f6fa; font-size: .85rem; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.tree td { font-size: .9rem; overflow-wrap: anywhere; } table.tree td.name { min-width: 10em; } table.tree td.why { min-width: 16em; }
        .tree .branch td { background: #fafbfd; font-weight: bold; } .tree .branch .why { font-weight: normal; }
        .tree .level-1 .name { padding-left: .3rem; } .tree .level-2 .name { padding-left: 1.3rem; } .tree .level-3 .name { padding-left: 2.3rem; }
        .tree .level-4 .name { padding-left: 3.3rem; } .tree .level-5 .name, .tree .level-6 .name { padding-left: 4.3rem; }
        .tree .na td { color: var(--muted); } .tree .differs .self { color: var(--bad); font-weight: bold; }
        .tree .why div { font-size: .85rem; } .deviation { color: var(--muted); font-size: .85rem; }
        .tag { font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; color: var(--muted); font-weight: normal; }
        .severity { border-left: 4px solid var(--line); padding-left: .8rem; } .severity.sev-error { border-color: var(--bad); } .severity.sev-warning { border-color: var(--warn); } .severity.sev-info { border-color: var(--accent); }
        .severity h3 { color: inherit; }
        ol.findings { padding-left: 1.4rem; } .finding { margin-bottom: .7rem; color: var(--ink); }
        .finding p { margin: .1rem 0; overflow-wrap: anywhere; } .finding .code { font-weight: bold; } .finding .where { color: var(--muted); }
        table.evidence { width: auto; max-width: 100%; margin: .2rem 0; font-size: .85rem; } table.evidence td, table.evidence th { padding: .1rem .5rem; overflow-wrap: anywhere; }
        footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); }
        @media (max-width: 40em) {
          body { font-size: 14px; } main { padding: .6rem; } .number, .grade { font-size: 2rem; }
          table.tree, table.tree tbody, table.tree tr, table.tree td { display: block; width: 100%; }
          table.tree thead { display: none; }
          table.tree tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .5rem; padding: .3rem .5rem; }
          table.tree td, table.tree td.name, table.tree td.why { border: 0; padding: .1rem 0; text-align: left; white-space: normal; min-width: 0; }
          table.tree td:empty { display: none; }
          table.tree td:not(.name)::before { content: attr(data-label) ": "; color: var(--muted); font-weight: normal; }
          .tree td.name { padding-left: 0 !important; font-size: 1rem; }
          svg.bars text { font-size: 20px; }
          table.compare th, table.compare td { font-size: .8rem; padding: .25rem .3rem; }
        }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 9.5pt; } main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; } tr, .finding, .summary, svg.bars { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; } .scroll { overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }

        """;
}
