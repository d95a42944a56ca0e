namespace PerfEval;

/// <summary>
/// The names under which PerfEval reports metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and traces
/// (<see cref="System.Diagnostics.ActivitySource"/>), for a host to subscribe to, e.g. with OpenTelemetry's
/// <c>AddMeter(PerfEvalTelemetry.MeterName)</c> and <c>AddSource(PerfEvalTelemetry.ActivitySourceName)</c>.
/// </summary>
/// <remarks>
/// Instruments of the meter: <c>perfeval.gradings</c> (counter, tags <c>scheme</c> and <c>grade</c>),
/// <c>perfeval.grading.duration</c> (histogram, seconds, tag <c>scheme</c>), <c>perfeval.findings</c> (counter, tag
/// <c>code</c>), <c>perfeval.batch.records</c> and <c>perfeval.batch.errors</c> (counters). Activities:
/// <c>perfeval.grade</c> per grading and <c>perfeval.batch</c> per batch. Constants only; thread-safe.
/// </remarks>
public static class PerfEvalTelemetry
{
    /// <summary>The name of PerfEval's meter: <c>PerfEval</c>.</summary>
    public const string MeterName = "PerfEval";

    /// <summary>The name of PerfEval's activity source: <c>PerfEval</c>.</summary>
    public const string ActivitySourceName = "PerfEval";
}
