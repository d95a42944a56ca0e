using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace PerfEval.Grading;

/// <summary>
/// PerfEval's metrics and traces (System.Diagnostics; no OpenTelemetry dependency): one static meter and activity
/// source for the process, as the .NET guidance has for libraries. Instruments are thread-safe and cost next to
/// nothing while nobody listens.
/// </summary>
internal static class Telemetry
{
    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(PerfEvalTelemetry.ActivitySourceName, Version);

    private static readonly Meter Meter = new(PerfEvalTelemetry.MeterName, Version);

    /// <summary>Projects graded (tags <c>scheme</c>, <c>grade</c>).</summary>
    public static readonly Counter<long> Gradings = Meter.CreateCounter<long>("perfeval.gradings", "{grading}", "Projects graded");

    /// <summary>How long one grading took, in seconds (tag <c>scheme</c>).</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("perfeval.grading.duration", "s", "Time to grade one project");

    /// <summary>Audit findings of graded projects (tag <c>code</c>).</summary>
    public static readonly Counter<long> Findings = Meter.CreateCounter<long>("perfeval.findings", "{finding}", "Audit findings of graded projects");

    /// <summary>Records a batch handed out, results and errors alike.</summary>
    public static readonly Counter<long> BatchRecords = Meter.CreateCounter<long>("perfeval.batch.records", "{record}", "Batch records handed out");

    /// <summary>Error records of batches.</summary>
    public static readonly Counter<long> BatchErrors = Meter.CreateCounter<long>("perfeval.batch.errors", "{record}", "Batch error records");

    /// <summary>Counts a finished grading.</summary>
    public static void Graded(GradingResult result, long started)
    {
        var scheme = new KeyValuePair<string, object?>("scheme", result.Scheme.Id);
        if (Duration.Enabled)
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, scheme);
        }

        Gradings.Add(1, scheme, new KeyValuePair<string, object?>("grade", result.Grade.Name));
        if (Findings.Enabled)
        {
            foreach (var finding in result.Findings)
            {
                Findings.Add(1, new KeyValuePair<string, object?>("code", finding.Code));
            }
        }
    }
}

/// <summary>PerfEval's log events (source-generated). Nothing is logged per grading above Debug.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "SchemeCompiled", Level = LogLevel.Information,
        Message = "Scheme {SchemeId} compiled: {Rules} rules in {Milliseconds:0.0} ms")]
    public static partial void SchemeCompiled(this ILogger logger, string schemeId, int rules, double milliseconds);

    [LoggerMessage(EventId = 2, EventName = "BatchStarted", Level = LogLevel.Information,
        Message = "Batch {File} started")]
    public static partial void BatchStarted(this ILogger logger, string file);

    [LoggerMessage(EventId = 3, EventName = "BatchFinished", Level = LogLevel.Information,
        Message = "Batch {File} finished: {Records} records, {Errors} errors in {Seconds:0.000} s ({Rate:0.0} records/s)")]
    public static partial void BatchFinished(this ILogger logger, string file, long records, long errors, double seconds, double rate);

    [LoggerMessage(EventId = 4, EventName = "UnusableRecord", Level = LogLevel.Warning,
        Message = "Batch {File} line {Line}: unusable record at {JsonPath} ({Code})")]
    public static partial void UnusableRecord(this ILogger logger, string file, long line, string? jsonPath, string? code);

    [LoggerMessage(EventId = 5, EventName = "Graded", Level = LogLevel.Debug,
        Message = "Project {ProjectId} graded by {SchemeId}: {Total} {Grade}")]
    public static partial void Graded(this ILogger logger, string projectId, string schemeId, decimal total, string grade);
}
