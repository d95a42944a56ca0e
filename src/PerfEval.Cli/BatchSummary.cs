using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PerfEval.Grading;

namespace PerfEval.Cli;

/// <summary>What the summary counts of one output record; read from a result, or back from a line an earlier run wrote.</summary>
internal sealed record RecordFacts(long Line, string? ProjectId, decimal? Total, string? Grade, string? ErrorCode, IReadOnlyList<(string Code, Severity Severity)> Findings)
{
    public static RecordFacts Of(BatchResult r)
    {
        if (r.IsError)
        {
            return new(r.Line, r.ProjectId, null, null, r.Error.Problems.Count > 0 ? r.Error.Problems[0].Code : "Unknown", []);
        }

        return new(r.Line, r.Result.Evaluation.Id, PerfEval.Scoring.Num.Normal(r.Result.Total), r.Result.Grade.Name, null,
            [.. r.Result.Findings.Select(f => (f.Code, f.Severity))]);
    }

    /// <summary>A line of a result batch, as <see cref="PerfEval.Serialization.ResultFile.ToJsonLine"/> wrote it.</summary>
    /// <exception cref="JsonException">When the line is not such a record (a torn last line).</exception>
    public static RecordFacts Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        try
        {
            var number = root.GetProperty("line").GetInt64();
            if (root.TryGetProperty("error", out var error))
            {
                var project = root.GetProperty("project");
                var problems = error.GetProperty("problems");
                return new(number, project.ValueKind == JsonValueKind.String ? project.GetString() : null, null, null,
                    problems.GetArrayLength() > 0 ? problems[0].GetProperty("code").GetString() : "Unknown", []);
            }

            return new(number, root.GetProperty("project").GetProperty("id").GetString(), PerfEval.Scoring.Num.Normal(root.GetProperty("total").GetDecimal()),
                root.GetProperty("grade").GetString(), null,
                [.. root.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("code").GetString()!,
                    PerfEval.Serialization.ResultFile.SeverityOf(f.GetProperty("severity").GetString()!) ?? throw new FormatException("severity")))]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException("not a result record", e);
        }
    }
}

/// <summary>
/// The summary at the end of a batch: records, graded, errors by kind, the grade distribution, mean/min/max total,
/// findings by code, the ten worst totals and a histogram of totals — as text (stderr), JSON and a self-contained page.
/// </summary>
/// <remarks>Not thread-safe: the one writer adds to it.</remarks>
internal sealed class BatchSummary
{
    private const int Worst = 10;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly SortedDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _grades = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _findings = new(StringComparer.Ordinal);
    private readonly List<RecordFacts> _worst = [];
    private readonly long[] _histogram = new long[10];
    private Severity? _mostSevere;
    private decimal _sum;

    public long Records { get; private set; }

    public long Graded { get; private set; }

    public long Errors => Records - Graded;

    public decimal? Min { get; private set; }

    public decimal? Max { get; private set; }

    /// <summary>The mean total, rounded half away from zero to 2 places.</summary>
    public decimal? Mean => Graded == 0 ? null : Math.Round(_sum / Graded, 2, MidpointRounding.AwayFromZero);

    public void Add(RecordFacts r)
    {
        Records++;
        if (r.ErrorCode is { } code)
        {
            _errors[code] = _errors.GetValueOrDefault(code) + 1;
            return;
        }

        Graded++;
        var total = r.Total!.Value;
        _sum += total;
        Min = Min is { } min && min <= total ? min : total;
        Max = Max is { } max && max >= total ? max : total;
        _grades[r.Grade!] = _grades.GetValueOrDefault(r.Grade!) + 1;
        foreach (var (findingCode, severity) in r.Findings)
        {
            _findings[findingCode] = _findings.GetValueOrDefault(findingCode) + 1;
            _mostSevere = _mostSevere is { } w && w >= severity ? w : severity;
        }

        // 0–10, 10–20, …, 90–100: a total of 100 (or above, with a bonus) in the last bar, below 0 in the first.
        _histogram[(int)Math.Clamp(Math.Floor(total / 10m), 0m, 9m)]++;
        var at = _worst.FindIndex(w => w.Total > total);
        _worst.Insert(at < 0 ? _worst.Count : at, r);
        if (_worst.Count > Worst)
        {
            _worst.RemoveAt(Worst);
        }
    }

    /// <summary>Whether any graded record has a finding at least as severe as <c>--fail-on</c>.</summary>
    public bool Fails(string failOn) => _mostSevere is { } worst && Commands.Meets(failOn, worst);

    private IEnumerable<(string Grade, long Count)> GradesInOrder => _grades.Select(g => (g.Key, g.Value)).OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>The summary as text. Nothing in it depends on timing, so the same input gives the same words.</summary>
    public void Write(TextWriter o, long resumed)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"perfeval: {Graded} graded, {Errors} errors / 已评分 {Graded} 条，错误 {Errors} 条 ({Records} records{(resumed > 0 ? $"; {resumed} kept from the earlier run" : string.Empty)})"));
        if (_errors.Count > 0)
        {
            o.WriteLine("  错误类别 errors by kind : " + string.Join(", ", _errors.Select(e => string.Create(c, $"{e.Key} {e.Value}"))));
        }

        if (Graded > 0)
        {
            o.WriteLine("  等级 grades             : " + string.Join(", ", GradesInOrder.Select(g => string.Create(c, $"{g.Grade} {g.Count}"))));
            o.WriteLine(string.Create(c, $"  总分 totals             : mean {Mean:0.00}, min {Min:0.00}, max {Max:0.00}"));
        }

        if (_findings.Count > 0)
        {
            o.WriteLine("  审核发现 findings       : " + string.Join(", ", _findings.Select(f => string.Create(c, $"{f.Key} {f.Value}"))));
        }

        if (_worst.Count > 0)
        {
            o.WriteLine("  最低总分 worst totals   : " + string.Join("; ", _worst.Select(w => string.Create(c, $"line {w.Line} {w.ProjectId} {w.Total:0.00} {w.Grade}"))));
        }
    }

    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", "perfeval/batch-summary@1");
        w.WriteNumber("records", Records);
        w.WriteNumber("graded", Graded);
        w.WriteNumber("errors", Errors);
        Counts(w, "errorsByCode", _errors);
        w.WriteStartObject("grades");
        foreach (var (grade, count) in GradesInOrder) w.WriteNumber(grade, count);
        w.WriteEndObject();
        w.WriteStartObject("total");
        Number(w, "mean", Mean);
        Number(w, "min", Min);
        Number(w, "max", Max);
        w.WriteEndObject();
        Counts(w, "findingsByCode", _findings);
        w.WriteStartArray("worst");
        foreach (var r in _worst)
        {
            w.WriteStartObject();
            w.WriteNumber("line", r.Line);
            w.WriteString("project", r.ProjectId);
            w.WriteNumber("total", r.Total!.Value);
            w.WriteString("grade", r.Grade);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("histogram");
        for (var i = 0; i < _histogram.Length; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("from", i * 10);
            w.WriteNumber("to", (i + 1) * 10);
            w.WriteNumber("count", _histogram[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Counts(Utf8JsonWriter w, string name, SortedDictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, count) in counts) w.WriteNumber(key, count);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>One HTML file, nothing fetched: the figures, a table per count, and the histogram of totals as inline SVG.</summary>
    public void WriteHtml(Stream stream)
    {
        var c = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        h.Append("""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>PerfEval 批次汇总 / batch summary</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222;max-width:60rem}
            h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            .figures span{display:inline-block;margin-right:1.5rem}
            svg{max-width:100%;height:auto}
            @page{size:A4;margin:15mm}
            </style></head><body>
            <h1>PerfEval 批次汇总 / batch summary</h1>
            """);
        h.Append(c, $"<p class=\"figures\"><span>记录 records <b id=\"records\">{Records}</b></span><span>已评分 graded <b id=\"graded\">{Graded}</b></span><span>错误 errors <b id=\"errors\">{Errors}</b></span></p>");
        if (Graded > 0)
        {
            h.Append(c, $"<p class=\"figures\"><span>平均 mean <b id=\"mean\">{Mean:0.00}</b></span><span>最低 min <b>{Min:0.00}</b></span><span>最高 max <b>{Max:0.00}</b></span></p>");
        }

        h.Append("<h2>总分分布 / totals</h2>");
        Histogram(h);
        Table(h, "等级 / grades", GradesInOrder.Select(g => (g.Grade, g.Count)));
        Table(h, "错误类别 / errors by kind", _errors.Select(e => (e.Key, e.Value)));
        Table(h, "审核发现 / findings by code", _findings.Select(f => (f.Key, f.Value)));
        if (_worst.Count > 0)
        {
            h.Append("<h2>最低总分 / worst totals</h2><table><tr><th>行 line</th><th>项目 project</th><th>总分 total</th><th>等级 grade</th></tr>");
            foreach (var w in _worst)
            {
                h.Append(c, $"<tr><td class=\"n\">{w.Line}</td><td>{Html.Encode(w.ProjectId ?? string.Empty)}</td><td class=\"n\">{w.Total:0.00}</td><td>{Html.Encode(w.Grade ?? string.Empty)}</td></tr>");
            }

            h.Append("</table>");
        }

        h.Append("</body></html>\n");
        stream.Write(Encoding.UTF8.GetBytes(h.ToString()));
    }

    private void Histogram(StringBuilder h)
    {
        const int Width = 600, Height = 200, Bar = 54, Gap = 6, Base = 170;
        var top = Math.Max(1, _histogram.Max());
        var c = CultureInfo.InvariantCulture;
        h.Append(c, $"<svg id=\"histogram\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"总分直方图 histogram of totals\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < _histogram.Length; i++)
        {
            var height = (int)Math.Round(150.0 * _histogram[i] / top);
            var x = i * (Bar + Gap) + Gap;
            h.Append(c, $"<rect class=\"bar\" data-count=\"{_histogram[i]}\" x=\"{x}\" y=\"{Base - height}\" width=\"{Bar}\" height=\"{height}\" fill=\"#3b6ea5\"/>");
            h.Append(c, $"<text x=\"{x + (Bar / 2)}\" y=\"{Base - height - 4}\" font-size=\"11\" text-anchor=\"middle\">{_histogram[i]}</text>");
            h.Append(c, $"<text x=\"{x + (Bar / 2)}\" y=\"{Base + 16}\" font-size=\"11\" text-anchor=\"middle\">{i * 10}–{(i + 1) * 10}</text>");
        }

        h.Append("</svg>");
    }

    private static void Table(StringBuilder h, string title, IEnumerable<(string Name, long Count)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        h.Append("<h2>").Append(Html.Encode(title)).Append("</h2><table>");
        foreach (var (name, count) in list)
        {
            h.Append("<tr><td>").Append(Html.Encode(name)).Append("</td><td class=\"n\">").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        h.Append("</table>");
    }
}
