namespace PerfEval.Grading;

/// <summary>How much a finding matters.</summary>
public enum Severity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info,

    /// <summary>Something does not add up or departs from the rules; the grade stands.</summary>
    Warning,

    /// <summary>A figure is wrong or could not be used; the result relies on a fallback.</summary>
    Error,
}

/// <summary>
/// Something the audit found that does not add up: a code, a severity, the indicator it concerns and
/// a message in Chinese and English. Codes are stable strings (see <see cref="FindingCodes"/>).
/// </summary>
/// <param name="Code">The finding's code, e.g. <c>ReportedTotalMismatch</c>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Path">The indicator path, or <see langword="null"/> for the whole project.</param>
/// <param name="MessageZh">The message in Chinese.</param>
/// <param name="MessageEn">The message in English.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Finding(string Code, Severity Severity, string? Path, string MessageZh, string MessageEn)
{
    /// <summary>
    /// The figures the finding compares, each with its value and where it came from (a JSON path in the
    /// evaluation file, or <c>rules</c> for a figure the scheme's rules computed), so a reader can check it
    /// without reading the code. Empty for notes that compare nothing.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<Evidence> Evidence { get; init; } = [];

    /// <summary>Compares every member, <see cref="Evidence"/> item by item.</summary>
    /// <param name="other">The other finding.</param>
    /// <returns><see langword="true"/> when all members are equal.</returns>
    public bool Equals(Finding? other) =>
        other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal) && Severity == other.Severity
        && string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(MessageZh, other.MessageZh, StringComparison.Ordinal)
        && string.Equals(MessageEn, other.MessageEn, StringComparison.Ordinal) && Evidence.AsSpan().SequenceEqual(other.Evidence.AsSpan());

    /// <summary>A hash code consistent with <see cref="Equals(Finding?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Code, Severity, Path, MessageEn, Evidence.Length);

    /// <inheritdoc/>
    public override string ToString() => $"{Severity} {Code} {Path}: {MessageEn}";
}

/// <summary>One figure a <see cref="Finding"/> compares.</summary>
/// <param name="Figure">What the figure is (<c>reported total</c>, <c>self-score</c>, <c>rule score</c>).</param>
/// <param name="Value">The figure as the finding reads it, culture-invariant (<c>96</c>, <c>97.10%</c>, <c>9.71</c>).</param>
/// <param name="Source">
/// Where it came from: the JSON path in the evaluation file (<c>$.reported.total</c>,
/// <c>$.indicators[0].children[1].selfScore</c>; the indicator path and field when the evaluation was built in
/// code), or <c>rules</c> for a figure the scheme's rules computed.
/// </param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Evidence(string Figure, string Value, string Source);

/// <summary>The codes of the findings PerfEval's audit rules produce.</summary>
public static class FindingCodes
{
    /// <summary>
    /// The report's own arithmetic: its stated total differs from the sum of its own 得分, or a stated
    /// subtotal from its rows' (at the precision the report prints). An error: it rests on the report's figures alone.
    /// </summary>
    public const string ReportedTotalMismatch = nameof(ReportedTotalMismatch);

    /// <summary>
    /// The rules' verdict: the total by the scheme's rules differs from the stated total; the message lists
    /// the rows whose self-score differs from the rule and by how much. A warning.
    /// </summary>
    public const string RuleTotalDiffers = nameof(RuleTotalDiffers);

    /// <summary>The report's stated grade is not the band its own stated total earns.</summary>
    public const string ReportedGradeMismatch = nameof(ReportedGradeMismatch);

    /// <summary>The report's stated grade is not the grade the rules' total earns (after policies). A warning.</summary>
    public const string RuleGradeDiffers = nameof(RuleGradeDiffers);

    /// <summary>A self-assigned score exceeds the indicator's weight.</summary>
    public const string SelfScoreAboveWeight = nameof(SelfScoreAboveWeight);

    /// <summary>A self-assigned score differs from the score the scheme's rule computes.</summary>
    public const string SelfScoreDiffersFromRule = nameof(SelfScoreDiffersFromRule);

    /// <summary>The stated execution rate differs from executed ÷ planned.</summary>
    public const string ExecutionRateMismatch = nameof(ExecutionRateMismatch);

    /// <summary>Children's weights do not add up to their parent's, or the roots' to 100.</summary>
    public const string WeightSumMismatch = nameof(WeightSumMismatch);

    /// <summary>A target, actual or stated figure could not be read.</summary>
    public const string UnreadableValue = nameof(UnreadableValue);

    /// <summary>A 反向 (cost) indicator's actual exceeds its target.</summary>
    public const string CostOverTarget = nameof(CostOverTarget);

    /// <summary>A figure stated in the report's prose differs from the table.</summary>
    public const string TextTableMismatch = nameof(TextTableMismatch);

    /// <summary>Itemized parts of a self-score do not add up to it.</summary>
    public const string SelfScorePartsMismatch = nameof(SelfScorePartsMismatch);

    /// <summary>A node's stated score differs from the sum of its children's scores.</summary>
    public const string SubtotalMismatch = nameof(SubtotalMismatch);

    /// <summary>A leaf could not be computed by its rule, and the evaluator's score was used.</summary>
    public const string SelfScoreUsed = nameof(SelfScoreUsed);

    /// <summary>A regional policy changed the total or the grade.</summary>
    public const string PolicyApplied = nameof(PolicyApplied);

    /// <summary>The scheme assigned weights the report leaves out.</summary>
    public const string WeightAssigned = nameof(WeightAssigned);

    /// <summary>A qualitative outcome was assumed from a narrative actual by the scheme's rule, not read from the report.</summary>
    public const string OutcomeAssumed = nameof(OutcomeAssumed);

    /// <summary>Indicators were 不适用 and the total was rescaled.</summary>
    public const string NotApplicableRescaled = nameof(NotApplicableRescaled);

    /// <summary>Nothing was 不适用, but the scored weights do not add up to 100, so the total was rescaled to 100.</summary>
    public const string WeightsRescaled = nameof(WeightsRescaled);

    /// <summary>A bare number took the unit the other value writes (90 against ≥90万元 read as 90万元). A warning.</summary>
    public const string UnitAssumed = nameof(UnitAssumed);

    /// <summary>An actual repeats the target with its comparator (≥266米): no evidence of completion. A warning.</summary>
    public const string ActualRepeatsTarget = nameof(ActualRepeatsTarget);

    /// <summary>完成 / 已完成 is the actual of a numeric target: read as met, but no figure is given. A warning.</summary>
    public const string CompletionWordForNumber = nameof(CompletionWordForNumber);

    /// <summary>A 满意度 row's text is word for word another row's. A warning.</summary>
    public const string CopiedText = nameof(CopiedText);
}
