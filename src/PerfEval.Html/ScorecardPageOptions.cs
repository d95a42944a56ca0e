namespace PerfEval.Html;

/// <summary>What <see cref="ScorecardPage"/> puts on the page beyond the result itself.</summary>
/// <remarks>Immutable and thread-safe: one instance may serve every page of a batch.</remarks>
public sealed record ScorecardPageOptions
{
    /// <summary>The default options: the page title from the project, every note listed, no time stamp.</summary>
    public static ScorecardPageOptions Default { get; } = new();

    /// <summary>
    /// The page's title (the browser tab and the printed header); <see langword="null"/> for
    /// <c>评分卡 Scorecard — {project name}</c>. Escaped like every other text.
    /// </summary>
    public string? Title { get; init; }

    /// <summary>
    /// Whether the notes (<see cref="PerfEval.Grading.Severity.Info"/> findings) are listed one by one, as errors and
    /// warnings always are; when <see langword="false"/> each note code is shown once with its count.
    /// </summary>
    public bool ListNotes { get; init; } = true;

    /// <summary>
    /// When the page was made, printed in its footer; <see langword="null"/> (the default) prints no time, so the
    /// same result always gives the same bytes.
    /// </summary>
    public DateTimeOffset? GeneratedAt { get; init; }
}
