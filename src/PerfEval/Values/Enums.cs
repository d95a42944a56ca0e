namespace PerfEval.Values;

/// <summary>
/// The comparison a target or actual value states in front of or after its number
/// (比较关系). Thread safety: an enum; safe to share.
/// </summary>
/// <remarks>
/// Inclusive words (the number itself counts) follow 《民法典》第一千二百五十九条:
/// 以上、以下、以内 include the number; 超过、不满 exclude it.
/// <list type="bullet">
/// <item><description><see cref="AtLeast"/>: ≥ ≧ ⩾ &gt;= 不少于 不低于 不小于 至少 最少 最低, and a trailing 以上 / 及以上 / 或以上.</description></item>
/// <item><description><see cref="AtMost"/>: ≤ ≦ ⩽ &lt;= 不超过 不高于 不大于 不多于 至多 最多 最高, and a trailing 以下 / 及以下 / 以内 / 之内.</description></item>
/// <item><description><see cref="GreaterThan"/> (strict): &gt; 大于 高于 多于 超过 超出 超, and 余 / 多 between the number and its unit (4800余户: "over 4800").</description></item>
/// <item><description><see cref="LessThan"/> (strict): &lt; 小于 低于 少于 不足 不到 不满.</description></item>
/// <item><description><see cref="Equal"/>: = ＝ ═ 等于.</description></item>
/// </list>
/// 达到, 达, 为, 约, 近 and 左右 are not comparisons: they give <see cref="None"/>, and the
/// indicator's direction (正向/反向/等于) decides how the number is compared.
/// </remarks>
public enum Comparison
{
    /// <summary>No comparison written; the indicator's direction decides.</summary>
    None = 0,

    /// <summary>The value is at least the number (≥, 不低于, …以上).</summary>
    AtLeast,

    /// <summary>The value is at most the number (≤, 不超过, …以内).</summary>
    AtMost,

    /// <summary>The value is strictly greater than the number (&gt;, 大于, 超过, …余).</summary>
    GreaterThan,

    /// <summary>The value is strictly less than the number (&lt;, 小于, 低于, 不足).</summary>
    LessThan,

    /// <summary>The value equals the number (=, ＝, ═, 等于).</summary>
    Equal,
}

/// <summary>What kind of value a text holds. Thread safety: an enum; safe to share.</summary>
public enum ValueKind
{
    /// <summary>A number, with its unit and comparison if written (4000户, ≥95%, 0.84万元, 无投诉 = 0).</summary>
    Quantity = 0,

    /// <summary>
    /// A word or sentence (完成, 足额采购, 是否在合同约定期间交货); <see cref="IndicatorValue.Outcome"/>
    /// says whether it states an outcome.
    /// </summary>
    Qualitative,

    /// <summary>The text says the indicator does not apply (不适用, 不涉及, N/A).</summary>
    NotApplicable,

    /// <summary>
    /// Nothing was written: no text, blanks, or a placeholder mark that asserts nothing
    /// (—, ——, -, /, 无, 暂无, 一). The grader decides whether a missing value is an error.
    /// </summary>
    Empty,
}

/// <summary>
/// The outcome a qualitative text states (定性指标: 达成 / 部分达成 / 未达成).
/// Thread safety: an enum; safe to share.
/// </summary>
public enum QualitativeOutcome
{
    /// <summary>Achieved: 完成, 达到, 达成预期指标, 是, 有效, 足额, 按时, 已…</summary>
    Achieved = 0,

    /// <summary>Partly achieved: 基本完成, 部分达成, 基本达到, 有待提高…</summary>
    PartlyAchieved,

    /// <summary>Not achieved: 否, 未完成, 未达成, 不达标, 不合格, 尚未…</summary>
    NotAchieved,
}
