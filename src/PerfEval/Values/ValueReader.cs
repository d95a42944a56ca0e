using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PerfEval.Values;

/// <summary>
/// Reads targets (预期指标值) and actual values (实际完成值) as people write them in
/// performance-evaluation reports. Stateless, culture-invariant and thread-safe.
/// </summary>
/// <remarks>
/// <para>The reader works in this order; the first step that applies decides.</para>
/// <list type="number">
/// <item><description>No text or only blanks → <see cref="ValueKind.Empty"/>.</description></item>
/// <item><description>A whole cell 不适用 / 不涉及 / 无此项 / N/A / NA → <see cref="ValueKind.NotApplicable"/>.
/// A whole cell that is only a placeholder mark — —, ——, -, --, /, \, 一, 无, 暂无, 空 — asserts nothing and is
/// <see cref="ValueKind.Empty"/>: a bare 无 may mean "none happened" or "nothing delivered", so the grader must
/// ask rather than have the reader guess, and a dash must not silently drop an indicator.</description></item>
/// <item><description>待定 / 未统计 / 不详 / XX and the like → error <see cref="ValueReadError.NotStated"/>.</description></item>
/// <item><description>A whole cell naming the absence of an adverse event — 无投诉, 零事故, 未发生安全事故,
/// 无重大差错 — is a zero count: a <see cref="ValueKind.Quantity"/> with <see cref="IndicatorValue.Number"/> 0
/// and the column's unit, if any.</description></item>
/// <item><description>A whole cell that is an outcome word (完成, 是, 否, 基本完成, 未达成, …), or a text that
/// starts with one followed by punctuation (完成，采购12台台式机…), is <see cref="ValueKind.Qualitative"/> with that
/// outcome; numbers in the elaboration are not read.</description></item>
/// <item><description>Otherwise numbers are read, skipping dates (a four-digit year with 年, months with 月 and an
/// optional day with 日, 2021-12-31, 2022.05.25, document numbers with 号; 3年 and 5日内 are durations), ordinals (第3),
/// anything inside 《》〔〕【】[], numbers glued to Latin letters (M428-A320) and Chinese numerals (三类).
/// One number → that quantity. Several: those with a unit are preferred over bare ones; if the preferred
/// ones do not all agree (same base number, base unit and comparison), the text is ambiguous and an
/// <see cref="ValueReadError.AmbiguousNumber"/> error is raised — never a guess. Digits split by a space (1 234) and
/// malformed groupings (1,2345; 1.2.3) are <see cref="ValueReadError.InvalidNumber"/>; a range (80%-90%, 3~5天) is
/// <see cref="ValueReadError.Range"/>.</description></item>
/// <item><description>No number: a date or period alone (2021年1-12月, 2022.05.25) is qualitative with no outcome; a text that starts with a comparison is an error
/// (<see cref="ValueReadError.ComparisonWithoutNumber"/>); a yes/no criterion (是否…, 能否…, 有无…) is qualitative with
/// no outcome, unless an answer follows a colon (是否按时交货：是); otherwise the sentence is searched for outcome phrases — negative phrases first (未完成, 未达到,
/// 不达标, 不合格, 尚未, 未能, 无法, 延期 …; a bare 不, 未 or 无 is not a negation: 不间断, 不断提升, 未发现问题, 无故中断 are not),
/// then partial ones (基本完成, 部分达成, 有待提高 …), then positive ones (完成, 达到, 实现, 落实, 提升, 显著, 及时 …,
/// or a leading 已). A Chinese description with none of these is qualitative with no outcome; anything else is
/// <see cref="ValueReadError.Unrecognized"/>.</description></item>
/// </list>
/// <para>A unit from a separate column is used when the text writes none; when the text writes one whose base
/// unit differs, the text wins and <see cref="IndicatorValue.HasUnitConflict"/> is set.</para>
/// </remarks>
public static partial class ValueReader
{
    /// <summary>The longest text the reader accepts, in UTF-16 code units.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Reads a target or actual value.</summary>
    /// <param name="text">The text as written in the report; <see langword="null"/> or blanks read as <see cref="ValueKind.Empty"/>.</param>
    /// <param name="columnUnit">The unit from a separate table column, if any (%, 万元, （户）).</param>
    /// <returns>The value; its <see cref="IndicatorValue.Text"/> is <paramref name="text"/>.</returns>
    /// <exception cref="ValueFormatException">The text cannot be read; the exception carries the <see cref="ValueReadError"/>.</exception>
    public static IndicatorValue Read(string? text, string? columnUnit = null)
    {
        if (TryRead(text, columnUnit, out var value, out var error))
        {
            return value;
        }

        throw new ValueFormatException(error!);
    }

    /// <summary>Reads a target or actual value without throwing.</summary>
    /// <param name="text">The text as written in the report; <see langword="null"/> or blanks read as <see cref="ValueKind.Empty"/>.</param>
    /// <param name="columnUnit">The unit from a separate table column, if any.</param>
    /// <param name="value">The value when the text can be read; otherwise <see langword="null"/>.</param>
    /// <param name="error">Why the text cannot be read; <see langword="null"/> when it can.</param>
    /// <returns><see langword="true"/> when the text was read.</returns>
    public static bool TryRead(
        string? text,
        string? columnUnit,
        [MaybeNullWhen(false)] out IndicatorValue value,
        out ValueReadError? error)
    {
        // Reading is a pure function of the two texts and its results are immutable: the short texts a batch repeats
        // in every record (100%, ≥95%, 完成, 0次) are read once.
        if (text is { Length: <= CachedTextLength } && (columnUnit is null || columnUnit.Length <= CachedTextLength))
        {
            var key = (text, columnUnit);
            if (!Cache.TryGetValue(key, out var known))
            {
                var ok = TryReadUncached(text, columnUnit, out var v, out var e);
                known = (ok ? v : null, e);
                // Our own count: ConcurrentDictionary.Count takes every lock, on a path every batch worker runs.
                if (Interlocked.Increment(ref s_cached) > CacheCapacity)
                {
                    Cache.Clear();
                    Interlocked.Exchange(ref s_cached, 0);
                }

                Cache.TryAdd(key, known);
            }

            (value, error) = known;
            return value is not null;
        }

        return TryReadUncached(text, columnUnit, out value, out error);
    }

    private const int CachedTextLength = 64;
    private const int CacheCapacity = 8192;

    private static int s_cached;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Text, string? Unit), (IndicatorValue? Value, ValueReadError? Error)> Cache = new();

    private static bool TryReadUncached(
        string? text,
        string? columnUnit,
        [MaybeNullWhen(false)] out IndicatorValue value,
        out ValueReadError? error)
    {
        string original = text ?? string.Empty;
        string? column = NormalizeColumnUnit(columnUnit);
        value = null;
        error = null;

        if (original.Length > MaxTextLength)
        {
            string head = original[..40];
            error = new ValueReadError(
                ValueReadError.TooLong,
                original,
                string.Create(CultureInfo.InvariantCulture, $"无法读取指标值“{head}…”：文字过长（{original.Length} 个字符，上限 {MaxTextLength}）"),
                string.Create(CultureInfo.InvariantCulture, $"cannot read the value \"{head}…\": it is too long ({original.Length} characters, limit {MaxTextLength})"));
            return false;
        }

        string s = Normalize(original);
        string core = TrimPunctuation(s);
        if (core.Length == 0)
        {
            value = Simple(original, ValueKind.Empty, null, column);
            return true;
        }

        if (NotApplicableWords.Contains(core) || NotApplicableWords.Contains(core.ToUpperInvariant()))
        {
            value = Simple(original, ValueKind.NotApplicable, null, column);
            return true;
        }

        if (EmptyMarks.Contains(core))
        {
            value = Simple(original, ValueKind.Empty, null, column);
            return true;
        }

        if (IsNotStated(core))
        {
            error = Fail(ValueReadError.NotStated, original, "写明数值尚未确定或未统计，无法计分", "says the value is not known yet, so it cannot be scored");
            return false;
        }

        if (ZeroCountRegex().IsMatch(core))
        {
            // The column may say what is counted (次, 起); a zero needs no multiplier.
            string? zeroBase = column is null ? null : SplitUnit(column, out _);
            value = new IndicatorValue(original, ValueKind.Quantity, Comparison.None, 0m, column, 0m, zeroBase, null, column, false);
            return true;
        }

        if (OutcomeWords.TryGetValue(core, out var whole))
        {
            value = Simple(original, ValueKind.Qualitative, whole, column);
            return true;
        }

        if (TryLeadingVerdict(core, out var verdict))
        {
            value = Simple(original, ValueKind.Qualitative, verdict, column);
            return true;
        }

        var scan = ScanNumbers(s, original);
        if (scan.Error is not null)
        {
            error = scan.Error;
            return false;
        }

        if (scan.Candidates.Count > 0)
        {
            return Choose(original, column, scan.Candidates, out value, out error);
        }

        if (StartsWithComparison(core))
        {
            error = Fail(ValueReadError.ComparisonWithoutNumber, original, "写有比较关系但没有数值", "has a comparison but no number");
            return false;
        }

        if (ContainsAny(core, CriterionMarkers))
        {
            // 是否按时交货：是 — a criterion followed by its answer.
            QualitativeOutcome? answer = AnswerAfterCriterion(core);
            value = Simple(original, ValueKind.Qualitative, answer, column);
            return true;
        }

        QualitativeOutcome? found = FindOutcome(core);
        if (found is not null || IsDescription(core) || scan.HadDate)
        {
            value = Simple(original, ValueKind.Qualitative, found, column);
            return true;
        }

        error = Fail(ValueReadError.Unrecognized, original, "既不是数值，也不是可识别的定性表述", "is neither a number nor a recognised qualitative statement");
        return false;
    }

    // ---------------------------------------------------------------- word lists

    private static readonly HashSet<string> NotApplicableWords = new(StringComparer.Ordinal)
    {
        "不适用", "不涉及", "无此项", "本项不适用", "N/A", "NA", "N.A.", "N.A",
    };

    private static readonly HashSet<string> EmptyMarks = new(StringComparer.Ordinal)
    {
        "—", "——", "———", "–", "-", "--", "---", "/", "\\", "一", "无", "暂无", "空", "…", "……",
    };

    private static readonly string[] NotStatedWords =
    [
        "待定", "待统计", "待核实", "待评估", "待评价", "待补充", "待填报", "待确认", "待测算", "待审核", "暂未统计", "未统计", "尚未统计", "无法统计", "不详", "未知", "数据缺失", "暂缺",
    ];

    private static readonly string[] NotStatedMarks = ["XX", "xx", "Xx", "××", "**", "??", "？？"];

    private static readonly string[] CriterionMarkers = ["是否", "能否", "有无", "可否", "是不是", "有没有"];

    private static readonly Dictionary<string, QualitativeOutcome> OutcomeWords = BuildOutcomeWords();

    // Leading verdicts are the outcome words, longest first, so 未完成 is tried before 完成.
    private static readonly string[] VerdictsLongestFirst =
        [.. OutcomeWords.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)];

    private static readonly string[] NegativePhrases =
    [
        "未完成", "没有完成", "没完成", "未能完成", "无法完成", "未达到", "没有达到", "没达到", "未能达到", "未达成", "未能达成",
        "未实现", "未能实现", "没有实现", "无法实现", "未达标", "不达标", "未按时", "未按期", "未及时", "不及时", "未足额",
        "不足额", "不合格", "未满足", "不满足", "不符合", "未落实", "未到位", "不到位", "尚未", "未通过", "无效", "滞后",
        "逾期", "超期", "延期", "延误", "不满意", "较差", "未能", "没能", "无法", "没有按时", "未如期", "没有如期",
    ];

    private static readonly string[] PartialPhrases =
    [
        "基本完成", "部分完成", "大部分完成", "基本达到", "部分达到", "基本达成", "部分达成", "基本实现", "部分实现", "基本满足",
        "部分满足", "基本落实", "基本到位", "基本按时", "基本达标", "基本符合", "基本满意", "有待提高", "有待加强", "有待改进",
        "有待提升", "还需改进", "仍需改进", "基本上",
    ];

    private static readonly string[] PositivePhrases =
    [
        "完成", "达到", "达成", "实现", "满足", "足额", "按时", "按期", "及时", "有效", "达标", "合格", "落实", "到位", "显著",
        "提升", "提高", "确保", "保障", "正常", "良好", "齐全", "优质", "高效", "符合",
    ];

    private static Dictionary<string, QualitativeOutcome> BuildOutcomeWords()
    {
        var d = new Dictionary<string, QualitativeOutcome>(StringComparer.Ordinal);
        foreach (var w in new[]
        {
            "是", "完成", "已完成", "全部完成", "全面完成", "圆满完成", "按时完成", "足额完成", "超额完成", "如期完成", "达到",
            "已达到", "达到预期", "达到预期指标", "达到预期目标", "达成", "已达成", "达成预期", "达成预期指标", "达成预期目标",
            "实现", "已实现", "有效", "足额", "按时", "及时", "按期", "达标", "合格", "满意", "良好", "优秀", "通过", "符合", "到位",
        })
        {
            d.Add(w, QualitativeOutcome.Achieved);
        }

        foreach (var w in new[]
        {
            "基本完成", "部分完成", "基本达到", "部分达到", "基本达成", "部分达成", "部分达成预期指标", "基本实现", "部分实现",
            "基本满意", "基本达标", "基本合格", "基本按时", "基本符合", "基本到位", "较好",
        })
        {
            d.Add(w, QualitativeOutcome.PartlyAchieved);
        }

        foreach (var w in new[]
        {
            "否", "未完成", "没有完成", "没完成", "未达到", "没有达到", "未达成", "未达成预期指标", "未实现", "不达标", "未达标",
            "不合格", "不满意", "未按时", "不及时", "未足额", "不符合", "无效", "未通过", "未开展", "未到位",
        })
        {
            d.Add(w, QualitativeOutcome.NotAchieved);
        }

        return d;
    }

    // Comparison words and symbols written before a number, longest first (不超过 before 超过 before 超).
    private static readonly (string Token, Comparison Comparison)[] PrefixComparisons = BuildPrefixComparisons();

    private static (string, Comparison)[] BuildPrefixComparisons()
    {
        var list = new List<(string, Comparison)>
        {
            ("≥", Comparison.AtLeast), ("≧", Comparison.AtLeast), ("⩾", Comparison.AtLeast), (">=", Comparison.AtLeast),
            ("不少于", Comparison.AtLeast), ("不低于", Comparison.AtLeast), ("不小于", Comparison.AtLeast), ("不下于", Comparison.AtLeast),
            ("至少", Comparison.AtLeast), ("最少", Comparison.AtLeast), ("最低", Comparison.AtLeast),
            ("≤", Comparison.AtMost), ("≦", Comparison.AtMost), ("⩽", Comparison.AtMost), ("<=", Comparison.AtMost),
            ("不超过", Comparison.AtMost), ("不超出", Comparison.AtMost), ("不高于", Comparison.AtMost), ("不大于", Comparison.AtMost),
            ("不多于", Comparison.AtMost), ("至多", Comparison.AtMost), ("最多", Comparison.AtMost), ("最高", Comparison.AtMost),
            (">", Comparison.GreaterThan), ("大于", Comparison.GreaterThan), ("高于", Comparison.GreaterThan), ("多于", Comparison.GreaterThan),
            ("超过", Comparison.GreaterThan), ("超出", Comparison.GreaterThan), ("超", Comparison.GreaterThan),
            ("<", Comparison.LessThan), ("小于", Comparison.LessThan), ("低于", Comparison.LessThan), ("少于", Comparison.LessThan),
            ("不足", Comparison.LessThan), ("不到", Comparison.LessThan), ("不满", Comparison.LessThan),
            ("=", Comparison.Equal), ("等于", Comparison.Equal),
        };
        return [.. list.OrderByDescending(x => x.Item1.Length)];
    }

    private static readonly (string Token, Comparison Comparison)[] SuffixComparisons =
    [
        ("及以上", Comparison.AtLeast), ("或以上", Comparison.AtLeast), ("以上", Comparison.AtLeast),
        ("及以下", Comparison.AtMost), ("或以下", Comparison.AtMost), ("以下", Comparison.AtMost), ("以内", Comparison.AtMost),
        ("之内", Comparison.AtMost), ("内", Comparison.AtMost),
    ];

    // 95%（含）以上: the bound is included, which 以上 says already.
    private static readonly string[] InclusiveMarks = ["（含）", "(含)", "含"];

    // Units, longest first so 个工作日 wins over 个 and 元/户 over 元.
    private static readonly string[] Units = BuildUnits();

    private static string[] BuildUnits()
    {
        string[] units =
        [
            "%", "‰", "元/平方米", "元/人次", "元/户", "元/人", "元/台", "元/次", "元/月", "元/年", "元/个", "元/件", "元/份", "元/天",
            "元/小时", "个百分点", "百分点", "个工作日", "工作日", "个月", "小时", "分钟", "平方米", "公里", "人次", "户次", "件次",
            "元", "户", "人", "台", "个", "次", "天", "篇", "件", "家", "项", "份", "条", "起", "名", "套", "本", "册", "场", "所",
            "辆", "张", "间", "座", "处", "期", "分", "亩", "吨", "周岁", "岁", "周", "年", "日", "km", "kg", "GB", "TB", "MB", "h",
        ];
        return [.. units.OrderByDescending(u => u.Length)];
    }

    private static readonly (string Token, decimal Factor)[] Multipliers =
    [
        ("千万", 10_000_000m), ("百万", 1_000_000m), ("万", 10_000m), ("亿", 100_000_000m),
    ];

    // ---------------------------------------------------------------- regexes (compiled once)

    [GeneratedRegex(
        "^(无|零|没有|未发生|未出现|杜绝)(重大|较大|一般|安全|责任|有效|质量)?(投诉|事故|安全事故|责任事故|违规|违纪|违法|违规违纪|差错|失误|上访|信访|纠纷|舆情|退货|返工|故障|泄密|伤亡)(事件|情况|现象|发生|行为)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ZeroCountRegex();

    // Dates and periods (2021年, 2019-2021年, 1-12月, 31日, 10号, 2021-12-31, 2022.05.25), ordinals (第3) and bracketed
    // titles or document numbers (《…》, 〔2020〕, 【…】, […]): never values.
    [GeneratedRegex(
        "(?<![0-9.,])(?:[0-9]{4}[./-][0-9]{1,2}[./-][0-9]{1,2}|[0-9]{4} ?(?:[-~～—–至到] ?[0-9]{4} ?)?年|[0-9]{1,2} ?(?:[-~～—–至到] ?[0-9]{1,2} ?)?月(?: ?[0-9]{1,2} ?日)?|[0-9]+ ?号)|第 ?[0-9]+|《[^》]*》|〔[^〕]*〕|【[^】]*】|\\[[^\\]]*\\]",
        RegexOptions.CultureInvariant)]
    private static partial Regex SkippedSpansRegex();

    [GeneratedRegex("^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    // ---------------------------------------------------------------- steps

    private static IndicatorValue Simple(string text, ValueKind kind, QualitativeOutcome? outcome, string? column) =>
        new(text, kind, Comparison.None, null, null, null, null, outcome, column, false);

    private static ValueReadError TooLarge(string original, string run) =>
        Fail(
            ValueReadError.InvalidNumber,
            original,
            string.Create(CultureInfo.InvariantCulture, $"数字“{Echo.Quote(run)}”超出允许范围（换算为基本单位后绝对值不超过 10^12）"),
            string.Create(CultureInfo.InvariantCulture, $"the number \"{Echo.Quote(run)}\" is out of range (at most 10^12 in size, in base units)"));

    private static ValueReadError Fail(string code, string text, string zh, string en) =>
        new(
            code,
            text,
            string.Create(CultureInfo.InvariantCulture, $"无法读取指标值“{text}”：{zh}"),
            string.Create(CultureInfo.InvariantCulture, $"cannot read the value \"{text}\": {en}"));

    /// <summary>Full-width → half-width (digits, letters, %, ., +, -, /, &lt;, =, &gt;), ￥ → ¥, ═ → =, − → -,
    /// every run of white space → one space, trimmed. Chinese punctuation (，：；（）) is kept, except a ，
    /// between two digits, which is a thousands separator like ASCII ",".</summary>
    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        for (int index = 0; index < text.Length; index++)
        {
            char c = text[index];
            if (c >= '\uFF01' && c <= '\uFF5E' && c != '\uFF0C' && c != '\uFF1A' && c != '\uFF1B' && c != '\uFF08' && c != '\uFF09')
            {
                c = (char)(c - 0xFEE0);
            }
            else if (c == '\uFFE5')
            {
                c = '¥';
            }
            else if (c == '\u2550')
            {
                c = '=';
            }
            else if (c == '\u2212')
            {
                c = '-';
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            // １，２３４: a full-width comma between digits is a thousands separator (the grouping is checked later).
            if (c == '，' && !space && sb.Length > 0 && char.IsAsciiDigit(sb[^1]) && NextIsDigit(text, index))
            {
                c = ',';
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool NextIsDigit(string text, int index) =>
        index + 1 < text.Length && (char.IsAsciiDigit(text[index + 1]) || (text[index + 1] >= '\uFF10' && text[index + 1] <= '\uFF19'));

    private static string TrimPunctuation(string s) => s.Trim().TrimEnd('。', '；', ';', '，', ',', '、', '！', '!', '.', ' ');

    private static string? NormalizeColumnUnit(string? columnUnit)
    {
        if (columnUnit is null)
        {
            return null;
        }

        string u = Normalize(columnUnit).Replace(" ", string.Empty, StringComparison.Ordinal)
            .Trim('(', ')', '（', '）', '[', ']', '【', '】');
        u = u.StartsWith("单位", StringComparison.Ordinal) ? u[2..] : u;
        u = u.Trim(':', '：', '(', ')', '（', '）');
        return u.Length == 0 ? null : u;
    }

    private static bool IsNotStated(string core)
    {
        foreach (var w in NotStatedWords)
        {
            if (string.Equals(core, w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return ContainsAny(core, NotStatedMarks);
    }

    private static bool ContainsAny(string s, string[] parts)
    {
        foreach (var p in parts)
        {
            if (s.Contains(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryLeadingVerdict(string core, out QualitativeOutcome outcome)
    {
        foreach (var w in VerdictsLongestFirst)
        {
            if (core.Length > w.Length && core.StartsWith(w, StringComparison.Ordinal) && IsClauseBreak(core[w.Length]))
            {
                outcome = OutcomeWords[w];
                return true;
            }
        }

        outcome = default;
        return false;
    }

    private static bool IsClauseBreak(char c) => c is '，' or ',' or '、' or '；' or ';' or '：' or ':' or '。' or '！' or '!' or '（' or '(' or ' ';

    private static bool StartsWithComparison(string core)
    {
        foreach (var (token, _) in PrefixComparisons)
        {
            if (core.StartsWith(token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static QualitativeOutcome? AnswerAfterCriterion(string core)
    {
        int colon = Math.Max(core.LastIndexOf('：'), core.LastIndexOf(':'));
        if (colon < 0)
        {
            return null;
        }

        string answer = core[(colon + 1)..].Trim();
        return OutcomeWords.TryGetValue(answer, out var outcome) ? outcome : null;
    }

    private static QualitativeOutcome? FindOutcome(string core)
    {
        if (ContainsAny(core, NegativePhrases))
        {
            return QualitativeOutcome.NotAchieved;
        }

        if (ContainsAny(core, PartialPhrases))
        {
            return QualitativeOutcome.PartlyAchieved;
        }

        if (ContainsAny(core, PositivePhrases) || core.StartsWith('已'))
        {
            return QualitativeOutcome.Achieved;
        }

        return null;
    }

    private static bool IsDescription(string core)
    {
        int han = 0;
        foreach (char c in core)
        {
            if (c >= '\u4E00' && c <= '\u9FFF')
            {
                han++;
            }
        }

        return han >= 2;
    }

    // ---------------------------------------------------------------- numbers

    private sealed record Candidate(decimal Number, string? Multiplier, decimal Factor, string? Unit, Comparison Comparison, string Written);

    private sealed record Scan(List<Candidate> Candidates, ValueReadError? Error, bool HadDate = false);

    private static bool IsAsciiLetter(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    private static bool IsNumberChar(char c) => c is (>= '0' and <= '9') or '.' or ',';

    private static Scan ScanNumbers(string s, string original)
    {
        var candidates = new List<Candidate>();
        bool hadDate = false;
        string t = SkippedSpansRegex().Replace(s, m =>
        {
            hadDate |= char.IsAsciiDigit(m.Value[0]);
            return new string(' ', m.Length);
        });
        int i = 0;
        while (i < t.Length)
        {
            if (!IsNumberChar(t[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < t.Length && IsNumberChar(t[i]))
            {
                i++;
            }

            int end = i;
            string run = t[start..end];
            if (!run.Any(char.IsAsciiDigit))
            {
                continue;
            }

            // Trailing sentence punctuation is not part of the number (12，… / 95.).
            while (end > start && (t[end - 1] == '.' || t[end - 1] == ','))
            {
                end--;
            }

            run = t[start..end];

            // Glued to Latin letters: a model or code (M428, 82F6000GCD, 4012i), unless a Latin unit follows.
            bool letterBefore = start > 0 && IsAsciiLetter(t[start - 1]);
            bool letterAfter = end < t.Length && IsAsciiLetter(t[end]) && !StartsWithLatinUnit(t, end);
            if (letterBefore || letterAfter)
            {
                while (i < t.Length && (IsAsciiLetter(t[i]) || char.IsAsciiDigit(t[i])))
                {
                    i++;
                }

                continue;
            }

            if (run[0] == '.' || run[0] == ',' || !NumberRegex().IsMatch(run))
            {
                return new Scan(candidates, Fail(
                    ValueReadError.InvalidNumber,
                    original,
                    string.Create(CultureInfo.InvariantCulture, $"数字“{run}”格式不正确"),
                    string.Create(CultureInfo.InvariantCulture, $"the number \"{run}\" is malformed")));
            }

            if (end + 1 < t.Length && t[end] == ' ' && char.IsAsciiDigit(t[end + 1]))
            {
                return new Scan(candidates, Fail(
                    ValueReadError.InvalidNumber,
                    original,
                    string.Create(CultureInfo.InvariantCulture, $"数字“{run} {t[end + 1]}…”中间有空格，无法判断是一个数还是两个数"),
                    string.Create(CultureInfo.InvariantCulture, $"the digits \"{run} {t[end + 1]}…\" are split by a space; one number or two cannot be told")));
            }

            if (!decimal.TryParse(
                run.Replace(",", string.Empty, StringComparison.Ordinal),
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out decimal number))
            {
                return new Scan(candidates, TooLarge(original, run));
            }

            // Sign, currency and comparison before the number.
            int p = start;
            if (p > 0 && (t[p - 1] == '-' || t[p - 1] == '+') && (p == 1 || t[p - 2] == ' ' || "≥≧⩾≤≦⩽<>=:：（(".Contains(t[p - 2], StringComparison.Ordinal)))
            {
                if (t[p - 1] == '-')
                {
                    number = -number;
                }

                p--;
            }

            string before = t[..p].TrimEnd();
            bool currency = false;
            if (before.EndsWith('¥'))
            {
                currency = true;
                before = before[..^1].TrimEnd();
            }
            else if (before.EndsWith("人民币", StringComparison.Ordinal))
            {
                currency = true;
                before = before[..^3].TrimEnd();
            }

            Comparison prefix = Comparison.None;
            foreach (var (token, cmp) in PrefixComparisons)
            {
                if (before.EndsWith(token, StringComparison.Ordinal))
                {
                    prefix = cmp;
                    break;
                }
            }

            // Multiplier, 余/多, unit and a trailing comparison after the number.
            int k = SkipSpaces(t, end);
            string? multiplier = null;
            decimal factor = 1m;
            foreach (var (token, f) in Multipliers)
            {
                if (At(t, k, token))
                {
                    multiplier = token;
                    factor = f;
                    k += token.Length;
                    break;
                }
            }

            if (multiplier is null && At(t, k, "千元"))
            {
                multiplier = "千";
                factor = 1000m;
                k += 1;
            }

            bool over = false;
            if (k < t.Length && (t[k] == '余' || t[k] == '多'))
            {
                over = true;
                k++;
            }

            k = SkipSpaces(t, k);
            string? unit = null;
            foreach (var u in Units)
            {
                if (At(t, k, u)
                    && !(IsAsciiLetter(u[0]) && k + u.Length < t.Length && IsAsciiLetter(t[k + u.Length])))
                {
                    unit = u;
                    k += u.Length;
                    break;
                }
            }

            if (unit is null && currency)
            {
                unit = "元";
            }

            int after = SkipSpaces(t, k);
            foreach (var inclusive in InclusiveMarks)
            {
                if (At(t, after, inclusive))
                {
                    after = SkipSpaces(t, after + inclusive.Length);
                    break;
                }
            }

            Comparison suffix = Comparison.None;
            foreach (var (token, cmp) in SuffixComparisons)
            {
                if (At(t, after, token))
                {
                    suffix = cmp;
                    break;
                }
            }

            if (IsRangeAt(t, end) || IsRangeAt(t, k))
            {
                return new Scan(candidates, Fail(
                    ValueReadError.Range,
                    original,
                    "写的是一个范围，不是单一的指标值",
                    "gives a range, not a single value"));
            }

            Comparison comparison;
            if (prefix != Comparison.None && suffix != Comparison.None && prefix != suffix)
            {
                return new Scan(candidates, Fail(
                    ValueReadError.ConflictingComparison,
                    original,
                    "数值前后的比较关系相互矛盾",
                    "the comparisons before and after the number contradict each other"));
            }
            else if (prefix != Comparison.None)
            {
                comparison = prefix;
            }
            else if (suffix != Comparison.None)
            {
                comparison = suffix;
            }
            else
            {
                comparison = over ? Comparison.GreaterThan : Comparison.None;
            }

            string written = t[start..Math.Max(k, end)].Trim();
            candidates.Add(new Candidate(number, multiplier, factor, unit, comparison, written));
            i = Math.Max(i, k);
        }

        return new Scan(candidates, null, hadDate);
    }

    private static bool StartsWithLatinUnit(string t, int k)
    {
        foreach (var u in Units)
        {
            if (IsAsciiLetter(u[0])
                && At(t, k, u)
                && !(k + u.Length < t.Length && IsAsciiLetter(t[k + u.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRangeAt(string t, int k)
    {
        k = SkipSpaces(t, k);
        if (k >= t.Length || !"-~～—–至到".Contains(t[k], StringComparison.Ordinal))
        {
            return false;
        }

        k = SkipSpaces(t, k + 1);
        return k < t.Length && char.IsAsciiDigit(t[k]);
    }

    private static bool At(string t, int k, string token) =>
        k + token.Length <= t.Length && string.CompareOrdinal(t, k, token, 0, token.Length) == 0;

    private static int SkipSpaces(string t, int k)
    {
        while (k < t.Length && t[k] == ' ')
        {
            k++;
        }

        return k;
    }

    private static bool Choose(
        string original,
        string? column,
        List<Candidate> all,
        [MaybeNullWhen(false)] out IndicatorValue value,
        out ValueReadError? error)
    {
        var withUnit = all.Where(c => c.Unit is not null || c.Multiplier is not null).ToList();
        var preferred = withUnit.Count > 0 ? withUnit : all;
        var first = preferred[0];
        foreach (var c in preferred)
        {
            if (c.Number != first.Number || c.Factor != first.Factor
                || !string.Equals(c.Unit, first.Unit, StringComparison.Ordinal)
                || c.Comparison != first.Comparison)
            {
                string list = string.Join("、", preferred.Select(x => x.Written));
                value = null;
                error = Fail(
                    ValueReadError.AmbiguousNumber,
                    original,
                    string.Create(CultureInfo.InvariantCulture, $"含有多个不同的数值（{list}），无法确定取哪一个；请每个单元格只写一个指标值"),
                    string.Create(CultureInfo.InvariantCulture, $"holds several different numbers ({list}) and it cannot be told which one is meant; write one value per cell"));
                return false;
            }
        }

        value = Build(original, column, first);
        if (value is null)
        {
            error = TooLarge(original, first.Written);
            return false;
        }

        error = null;
        return true;
    }

    private static IndicatorValue? Build(string original, string? column, Candidate c)
    {
        string? unit;
        decimal factor = c.Factor;
        string? baseUnit;
        bool conflict = false;
        string? columnBase = column is null ? null : SplitUnit(column, out _);

        if (c.Unit is not null)
        {
            unit = c.Multiplier + c.Unit;
            baseUnit = c.Unit;
            conflict = columnBase is not null && !string.Equals(columnBase, baseUnit, StringComparison.Ordinal);
        }
        else if (c.Multiplier is not null)
        {
            // 15万 with no unit: the column gives the unit, if any.
            if (column is not null && SplitUnit(column, out decimal columnFactor) is { } cb && columnFactor == 1m)
            {
                unit = c.Multiplier + column;
                baseUnit = cb;
            }
            else
            {
                unit = c.Multiplier;
                baseUnit = null;
                conflict = column is not null;
            }
        }
        else if (column is not null)
        {
            unit = column;
            baseUnit = SplitUnit(column, out factor);
        }
        else
        {
            unit = null;
            baseUnit = null;
        }

        decimal baseNumber;
        try
        {
            baseNumber = c.Number * factor;
        }
        catch (OverflowException)
        {
            return null;
        }

        // Out of NumberLimit (7e27元, 1e28万元): refused here, before any score multiplies it.
        if (Math.Abs(baseNumber) > NumberLimit.Max)
        {
            return null;
        }

        return new IndicatorValue(original, ValueKind.Quantity, c.Comparison, c.Number, unit, baseNumber, baseUnit, null, column, conflict);
    }

    /// <summary>Splits a 万/亿/千万/百万 (or 千 of 千元) multiplier off a unit; returns the base unit, or null when only a multiplier.</summary>
    internal static string? SplitUnit(string unit, out decimal factor)
    {
        foreach (var (token, f) in Multipliers)
        {
            if (unit.StartsWith(token, StringComparison.Ordinal) && unit.Length > token.Length)
            {
                factor = f;
                return unit[token.Length..];
            }
        }

        if (string.Equals(unit, "千元", StringComparison.Ordinal))
        {
            factor = 1000m;
            return "元";
        }

        foreach (var (token, f) in Multipliers)
        {
            if (string.Equals(unit, token, StringComparison.Ordinal))
            {
                factor = f;
                return null;
            }
        }

        factor = 1m;
        return unit;
    }
}
