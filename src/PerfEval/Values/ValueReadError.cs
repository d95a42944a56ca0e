using System.Globalization;

namespace PerfEval.Values;

/// <summary>
/// Why a target or actual text could not be read, in Chinese and English. It names the text;
/// the caller adds the file, JSON path and indicator path. Immutable and thread-safe.
/// </summary>
public sealed class ValueReadError
{
    /// <summary>Code: a number is malformed or out of range (1.2.3, 1,2345, 1 234, 40 digits).</summary>
    public const string InvalidNumber = "InvalidNumber";

    /// <summary>Code: the text holds several different quantities and none can be preferred (12个乡镇…15万人).</summary>
    public const string AmbiguousNumber = "AmbiguousNumber";

    /// <summary>Code: the text gives a range rather than one value (80%-90%, 3~5天, 10至20人).</summary>
    public const string Range = "Range";

    /// <summary>Code: a comparison is written without a number (≥, 不低于去年).</summary>
    public const string ComparisonWithoutNumber = "ComparisonWithoutNumber";

    /// <summary>Code: the comparisons before and after the number contradict each other (≥95%以下).</summary>
    public const string ConflictingComparison = "ConflictingComparison";

    /// <summary>Code: the text says the value is not known yet (待定, 未统计, 不详, XX%).</summary>
    public const string NotStated = "NotStated";

    /// <summary>Code: the text holds no number, no outcome word and no Chinese description (abc, #REF!, ???).</summary>
    public const string Unrecognized = "Unrecognized";

    /// <summary>Code: the text is longer than <see cref="ValueReader.MaxTextLength"/> characters.</summary>
    public const string TooLong = "TooLong";

    internal ValueReadError(string code, string text, string messageZh, string messageEn)
    {
        Code = code;
        Text = text;
        MessageZh = messageZh;
        MessageEn = messageEn;
    }

    /// <summary>A stable code, one of the constants of this class.</summary>
    public string Code { get; }

    /// <summary>The text that could not be read, exactly as given.</summary>
    public string Text { get; }

    /// <summary>The message in Chinese; it quotes the text.</summary>
    public string MessageZh { get; }

    /// <summary>The message in English; it quotes the text.</summary>
    public string MessageEn { get; }

    /// <summary>Both messages, Chinese first: "{MessageZh} / {MessageEn}".</summary>
    /// <returns>The bilingual message.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MessageZh} / {MessageEn}");
}

/// <summary>
/// Thrown by <see cref="ValueReader.Read(string?, string?)"/> when a target or actual text cannot be
/// read. The message is bilingual and quotes the text. Instances are immutable once thrown.
/// </summary>
public sealed class ValueFormatException : FormatException
{
    /// <summary>Creates the exception for a read error.</summary>
    /// <param name="error">The error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public ValueFormatException(ValueReadError error)
        : base(error?.ToString(), null)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The read error: code, text and both messages.</summary>
    public ValueReadError Error { get; }

    /// <summary>The text that could not be read, exactly as given.</summary>
    public string Text => Error.Text;
}
