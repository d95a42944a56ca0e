using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Tests.Grading;

/// <summary>The meter and activity source are process-wide: these tests run alone, so only their gradings are seen.</summary>
[CollectionDefinition(nameof(Telemetry), DisableParallelization = true)]
public sealed class Telemetry;

/// <summary>Issue 12 §1: what a grading and a batch report as metrics, traces and log events.</summary>
[Collection(nameof(Telemetry))]
public sealed class TelemetryTests : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly CapturingLogger _log = new();

    public TelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PerfEvalTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PerfEvalTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument)];

    [Fact]
    public void A_graded_seed_counts_one_grading_tagged_with_its_scheme_and_grade_and_its_findings_by_code()
    {
        var grader = new Grader(SchemeCatalog.Default, null, _log);
        var result = grader.Grade(EvaluationFile.Load(Repo.Hunan));

        // The Hunan seed: scheme hunan-2020, 优秀, and the README's scorecard lists 16 findings.
        var grading = Assert.Single(Of("perfeval.gradings"));
        Assert.Equal(1, grading.Value);
        Assert.Equal("hunan-2020", grading.Tags["scheme"]);
        Assert.Equal("优秀", grading.Tags["grade"]);

        var duration = Assert.Single(Of("perfeval.grading.duration"));
        Assert.Equal("hunan-2020", duration.Tags["scheme"]);
        Assert.InRange(duration.Value, 1e-7, 60);

        var findings = Of("perfeval.findings");
        Assert.Equal(16, findings.Sum(m => m.Value));
        var counted = findings.GroupBy(m => (string)m.Tags["code"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal);
        var expected = result.Findings.GroupBy(f => f.Code).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), counted.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(1, counted[FindingCodes.ReportedTotalMismatch]);   // the report says 96, its scores add to 96.6

        var activity = Assert.Single(_stopped, a => a.OperationName == "perfeval.grade");
        Assert.Equal("hunan-2020", activity.GetTagItem("scheme"));
        Assert.Equal("seed-hunan-zhijiang-2020", activity.GetTagItem("project"));
        Assert.Equal("优秀", activity.GetTagItem("grade"));

        // Compiling the scheme is logged once; the grading itself only at Debug.
        var compiled = Assert.Single(_log.Entries, e => e.Id.Name == "SchemeCompiled");
        Assert.Equal(LogLevel.Information, compiled.Level);
        Assert.Equal("hunan-2020", compiled.State["SchemeId"]);
        Assert.True((int)compiled.State["Rules"]! > 0);
        Assert.All(_log.Entries.Where(e => e.Id.Name != "SchemeCompiled"), e => Assert.Equal(LogLevel.Debug, e.Level));

        grader.Grade(EvaluationFile.Load(Repo.Hunan));
        Assert.Single(_log.Entries, e => e.Id.Name == "SchemeCompiled");   // compiled once per grader
        Assert.Equal(2, Of("perfeval.gradings").Count);
    }

    [Fact]
    public async Task A_batch_counts_its_records_and_errors_logs_them_and_traces_its_gradings_under_one_span()
    {
        var one = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Hunan)).RootElement);
        var two = one.Replace("\"id\":\"seed-hunan-zhijiang-2020\"", "\"id\":\"seed-hunan-zhijiang-2020-b\"", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes($"{one}\n{{ not json\n{two}\n");
        var grader = new Grader(SchemeCatalog.Default, null, _log);

        // Three lines, the second unusable: 3 records, 1 error, 2 gradings.
        var records = new List<BatchResult>();
        await foreach (var r in grader.GradeAllAsync(new MemoryStream(bytes), new BatchOptions { MaxDegreeOfParallelism = 2 }, "b.jsonl"))
        {
            records.Add(r);
        }

        Assert.Equal(3, records.Count);
        Assert.Equal(3, Of("perfeval.batch.records").Sum(m => m.Value));
        Assert.Equal(1, Of("perfeval.batch.errors").Sum(m => m.Value));
        Assert.Equal(2, Of("perfeval.gradings").Sum(m => m.Value));

        var batch = Assert.Single(_stopped, a => a.OperationName == "perfeval.batch");
        var gradings = _stopped.Where(a => a.OperationName == "perfeval.grade").ToList();
        Assert.Equal(2, gradings.Count);
        Assert.All(gradings, g => Assert.Equal(batch.SpanId, g.ParentSpanId));
        Assert.Equal(3L, batch.GetTagItem("records"));
        Assert.Equal(1L, batch.GetTagItem("errors"));
        Assert.Null(Activity.Current);   // the caller is not left inside the batch's span

        var names = _log.Entries.Where(e => e.Level >= LogLevel.Information).Select(e => e.Id.Name).ToList();
        Assert.Equal(["BatchStarted", "SchemeCompiled", "UnusableRecord", "BatchFinished"], names);
        var unusable = Assert.Single(_log.Entries, e => e.Id.Name == "UnusableRecord");
        Assert.Equal(LogLevel.Warning, unusable.Level);
        Assert.Equal(2L, unusable.State["Line"]);
        Assert.Equal("b.jsonl", unusable.State["File"]);
        var finished = Assert.Single(_log.Entries, e => e.Id.Name == "BatchFinished");
        Assert.Equal(3L, finished.State["Records"]);
        Assert.Equal(1L, finished.State["Errors"]);
        Assert.True((double)finished.State["Rate"]! > 0);
    }

    [Fact]
    public void The_synchronous_batch_is_observed_the_same_way()
    {
        var bytes = Encoding.UTF8.GetBytes("{ not json\n");
        var grader = new Grader(SchemeCatalog.Default, null, _log);

        var record = Assert.Single(grader.GradeAll(new MemoryStream(bytes), null, "bad.jsonl"));

        Assert.True(record.IsError);
        Assert.Equal(1, Of("perfeval.batch.records").Sum(m => m.Value));
        Assert.Equal(1, Of("perfeval.batch.errors").Sum(m => m.Value));
        Assert.Single(_stopped, a => a.OperationName == "perfeval.batch");
        Assert.Null(Activity.Current);
        Assert.Equal(["BatchStarted", "UnusableRecord", "BatchFinished"], _log.Entries.Select(e => e.Id.Name));
    }

    [Fact]
    public void Without_a_logger_nothing_is_required()
    {
        var result = new Grader(SchemeCatalog.Default, null, null).Grade(EvaluationFile.Load(Repo.Hunan));
        Assert.Equal(96.6m, result.Total);
    }

    private sealed class CapturingLogger : ILogger<Grader>
    {
        public ConcurrentQueue<(LogLevel Level, EventId Id, Dictionary<string, object?> State, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs) values[pair.Key] = pair.Value;
            }

            Entries.Enqueue((logLevel, eventId, values, formatter(state, exception)));
        }
    }
}
