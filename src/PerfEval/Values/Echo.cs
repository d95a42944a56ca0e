using System.Globalization;
using System.Text;

namespace PerfEval.Values;

/// <summary>
/// Input repeated in a message: control characters (ESC, BEL, NUL …, and the bidi controls that reorder a terminal line)
/// written as <c>\u001B</c> so they never reach a terminal raw, and long text cut with its length said, so a
/// 1 MB id does not make 1 MB of message.
/// </summary>
internal static class Echo
{
    /// <summary>How much of a quoted input a message shows.</summary>
    public const int MaxQuoted = 80;

    /// <summary>How long a whole message field may be before it is cut (the safety net for every problem).</summary>
    public const int MaxField = 2000;

    /// <summary>A quoted input: escaped, and cut to <see cref="MaxQuoted"/> characters with the full length.</summary>
    public static string Quote(string? text) => Cut(Escape(text ?? string.Empty), text?.Length ?? 0, MaxQuoted);

    /// <summary>A message field: escaped, and cut to <see cref="MaxField"/> characters with the full length.</summary>
    public static string? Field(string? text) => text is null ? null : Cut(Escape(text), text.Length, MaxField);

    /// <summary>Control and bidi-control characters, and lone surrogates, written as <c>\uXXXX</c>; everything else as is.</summary>
    /// <param name="text">The text.</param>
    /// <param name="keepNewlines">Whether <c>\n</c> stays (a terminal writer's own line breaks), else it is escaped too.</param>
    public static string Escape(string text, bool keepNewlines = false)
    {
        var i = 0;
        while (i < text.Length && UnsafeAt(text, i, keepNewlines) == 0) i += char.IsHighSurrogate(text[i]) ? 2 : 1;
        if (i >= text.Length) return text;
        var b = new StringBuilder(text.Length + 16).Append(text, 0, i);
        while (i < text.Length)
        {
            if (UnsafeAt(text, i, keepNewlines) == 1)
            {
                b.Append("\\u").Append(((int)text[i]).ToString("X4", CultureInfo.InvariantCulture));
                i++;
            }
            else
            {
                var n = char.IsHighSurrogate(text[i]) ? 2 : 1;
                b.Append(text, i, n);
                i += n;
            }
        }

        return b.ToString();
    }

    /// <summary>1 when the character at <paramref name="i"/> must be escaped, else 0 (a surrogate pair is a character and stays).</summary>
    private static int UnsafeAt(string text, int i, bool keepNewlines)
    {
        var c = text[i];
        if (c == '\n' && keepNewlines) return 0;
        if (char.IsHighSurrogate(c)) return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 0 : 1;
        return char.IsControl(c) || char.IsLowSurrogate(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? 1 : 0;
    }

    private static string Cut(string escaped, int length, int max)
    {
        if (escaped.Length <= max) return escaped;
        // Never cut between the halves of a surrogate pair.
        var keep = char.IsHighSurrogate(escaped[max - 1]) ? max - 1 : max;
        return string.Concat(escaped.AsSpan(0, keep), string.Create(CultureInfo.InvariantCulture, $"…（共 {length} 字符 / {length} chars）"));
    }
}
