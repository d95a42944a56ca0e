namespace PerfEval;

/// <summary>
/// One problem found in an evaluation or scheme: where it is and what is wrong, in Chinese and English.
/// </summary>
/// <param name="Code">A stable machine-readable code, e.g. <c>WeightSumMismatch</c> or <c>UnreadableValue</c>.</param>
/// <param name="IndicatorPath">The indicator path (<c>产出指标/数量指标/支持中小企业数量</c>), or <see langword="null"/> when the problem is not about one indicator.</param>
/// <param name="MessageZh">The message in Chinese.</param>
/// <param name="MessageEn">The message in English.</param>
/// <param name="Text">The text at fault, as written, if any.</param>
/// <param name="JsonPath">The JSON path (<c>$.indicators[1].children[0].actual</c>) when the problem comes from a file.</param>
/// <param name="Line">The 1-based line in the file, when known.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Problem(
    string Code,
    string? IndicatorPath,
    string MessageZh,
    string MessageEn,
    string? Text = null,
    string? JsonPath = null,
    long? Line = null)
{
    // Messages repeat input: every field a message shows is escaped and cut here, once for all problems,
    // so no ESC reaches a terminal and a 1 MB id makes a short message. Text keeps the input as written.
    private readonly string? _indicatorPath = Values.Echo.Field(IndicatorPath);
    private readonly string _messageZh = Values.Echo.Field(MessageZh)!;
    private readonly string _messageEn = Values.Echo.Field(MessageEn)!;
    private readonly string? _jsonPath = Values.Echo.Field(JsonPath);

    /// <summary>The indicator path (<c>产出指标/数量指标/支持中小企业数量</c>), or <see langword="null"/> when the problem is not about one indicator; control characters escaped, cut when very long.</summary>
    public string? IndicatorPath { get => _indicatorPath; init => _indicatorPath = Values.Echo.Field(value); }

    /// <summary>The message in Chinese; control characters escaped, cut when very long.</summary>
    public string MessageZh { get => _messageZh; init => _messageZh = Values.Echo.Field(value)!; }

    /// <summary>The message in English; control characters escaped, cut when very long.</summary>
    public string MessageEn { get => _messageEn; init => _messageEn = Values.Echo.Field(value)!; }

    /// <summary>The JSON path (<c>$.indicators[1].children[0].actual</c>) when the problem comes from a file; control characters escaped, cut when very long.</summary>
    public string? JsonPath { get => _jsonPath; init => _jsonPath = Values.Echo.Field(value); }

    /// <summary>Both messages and the place, on one line.</summary>
    public override string ToString()
    {
        // Both places when both are known: the JSON path finds it in the file, the indicator path in the report.
        var where = IndicatorPath is not null && JsonPath is not null ? $"{JsonPath} ({IndicatorPath})" : IndicatorPath ?? JsonPath;
        var line = Line is { } l ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (line {l})") : string.Empty;
        // The text at fault is shown unless the message already quotes it (comments, trailing commas, 05, 0x10 …).
        var quoted = Values.Echo.Quote(Text);
        var text = Text is { Length: > 0 } && !MessageEn.Contains(quoted, StringComparison.Ordinal) ? $": “{quoted}”" : string.Empty;
        return where is null ? $"{MessageZh} / {MessageEn}{text}{line}" : $"{where}: {MessageZh} / {MessageEn}{text}{line}";
    }
}

/// <summary>
/// The base of PerfEval's data errors: what could not be used and every place at fault.
/// </summary>
/// <remarks>Exceptions are not shared across threads by PerfEval; instances are immutable once thrown.</remarks>
public abstract class PerfEvalException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    /// <param name="file">The file the data came from, if any.</param>
    /// <param name="problems">Every problem found; the message lists them all.</param>
    /// <param name="inner">The exception that caused this one, if any.</param>
    protected PerfEvalException(string? file, IReadOnlyList<Problem> problems, Exception? inner = null)
        : base(Describe(file, problems), inner)
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The file the data came from, or <see langword="null"/> when built in code.</summary>
    public string? File { get; }

    /// <summary>Every problem found, at least one.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    private static string Describe(string? file, IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var head = file is null ? string.Empty : Values.Echo.Field(file) + ": ";
        if (problems.Count == 1)
        {
            return head + problems[0];
        }

        var text = new System.Text.StringBuilder(head);
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{problems.Count} problems / {problems.Count} 个问题:");
        foreach (var p in problems)
        {
            text.Append("\n  - ").Append(p);
        }

        return text.ToString();
    }
}

/// <summary>An evaluation (a project's report) cannot be used as given.</summary>
public sealed class EvaluationException : PerfEvalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The evaluation file, if any.</param>
    /// <param name="problems">Every problem found.</param>
    /// <param name="inner">The cause, if any.</param>
    public EvaluationException(string? file, IReadOnlyList<Problem> problems, Exception? inner = null)
        : base(file, problems, inner)
    {
    }
}

/// <summary>A scheme cannot be used as given.</summary>
public sealed class SchemeException : PerfEvalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The scheme file, if any.</param>
    /// <param name="problems">Every problem found.</param>
    /// <param name="inner">The cause, if any.</param>
    public SchemeException(string? file, IReadOnlyList<Problem> problems, Exception? inner = null)
        : base(file, problems, inner)
    {
    }
}

/// <summary>
/// A rule failed while grading: the rules engine (NRules) stopped because a rule's condition or action threw —
/// typically a host's own rule (<see cref="Grading.HostRules"/>). The problem (code <c>RuleFailed</c>) names the
/// rule and, where the failing rule was matching one indicator, its path; <see cref="Exception.InnerException"/>
/// is the engine's exception (e.g. <c>NRules.RuleRhsExpressionEvaluationException</c>), whose own inner exception is
/// what the rule threw.
/// </summary>
public sealed class GradingException : PerfEvalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The evaluation file, if any.</param>
    /// <param name="problems">Every problem found.</param>
    /// <param name="ruleName">The failing rule's name, when known.</param>
    /// <param name="inner">The cause, if any.</param>
    public GradingException(string? file, IReadOnlyList<Problem> problems, string? ruleName, Exception? inner = null)
        : base(file, problems, inner)
    {
        RuleName = ruleName;
    }

    /// <summary>The name of the rule that failed (its class's full name for a fluent rule), when the engine said which.</summary>
    public string? RuleName { get; }
}
