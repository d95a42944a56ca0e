using System.Globalization;
using System.Text;

namespace PerfEval.Excel;

/// <summary>A cell position, 1-based row and column.</summary>
internal readonly record struct CellPos(int Row, int Col)
{
    public override string ToString() => Cells.Name(Col) + Row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A merged range, inclusive bounds.</summary>
internal sealed record MergeRange(int Row1, int Col1, int Row2, int Col2)
{
    public CellPos TopLeft => new(Row1, Col1);

    public bool Contains(int row, int col) => row >= Row1 && row <= Row2 && col >= Col1 && col <= Col2;

    public override string ToString() => $"{new CellPos(Row1, Col1)}:{new CellPos(Row2, Col2)}";
}

/// <summary>A1 references and the text normalizing header matching uses.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class Cells
{
    public const int MaxColumn = 16_384;

    public static string Name(int col)
    {
        var sb = new StringBuilder();
        for (var c = col; c > 0; c = (c - 1) / 26)
        {
            sb.Insert(0, (char)('A' + ((c - 1) % 26)));
        }

        return sb.ToString();
    }

    /// <summary>Parses "F12" (or "$F$12"); false when it is not a cell reference.</summary>
    public static bool TryParse(string? reference, out CellPos pos)
    {
        pos = default;
        if (string.IsNullOrEmpty(reference))
        {
            return false;
        }

        var i = 0;
        var col = 0;
        var s = reference.Replace("$", string.Empty, StringComparison.Ordinal);
        while (i < s.Length && char.IsAsciiLetter(s[i]))
        {
            col = (col * 26) + (char.ToUpperInvariant(s[i]) - 'A' + 1);
            if (col > MaxColumn)
            {
                return false;
            }

            i++;
        }

        if (i == 0 || i == s.Length || !int.TryParse(s.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1)
        {
            return false;
        }

        pos = new CellPos(row, col);
        return true;
    }

    public static bool TryParseRange(string? reference, out MergeRange range)
    {
        range = null!;
        var parts = (reference ?? string.Empty).Split(':');
        if (parts.Length is < 1 or > 2 || !TryParse(parts[0], out var a))
        {
            return false;
        }

        var b = a;
        if (parts.Length == 2 && !TryParse(parts[1], out b))
        {
            return false;
        }

        range = new MergeRange(Math.Min(a.Row, b.Row), Math.Min(a.Col, b.Col), Math.Max(a.Row, b.Row), Math.Max(a.Col, b.Col));
        return true;
    }

    /// <summary>Header text as compared: full-width folded (NFKC), no white space, no trailing bracketed note (分值（分） → 分值).</summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var s = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (!char.IsWhiteSpace(ch))
            {
                sb.Append(ch);
            }
        }

        var t = sb.ToString();
        var open = t.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && t.EndsWith(')'))
        {
            t = t[..open];
        }

        return t.TrimEnd(':', '：');
    }

    /// <summary>The unit in a label's brackets: 项目资金（万元） → 万元.</summary>
    public static string? BracketNote(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var s = text.Normalize(NormalizationForm.FormKC).Trim();
        var open = s.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 && s.EndsWith(')') ? s[(open + 1)..^1].Trim() : null;
    }

    /// <summary>Reads a number a person typed or Excel stored: full-width digits, a trailing 分, thousands separators.</summary>
    public static bool TryNumber(string? text, out decimal value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }

        var s = text.Normalize(NormalizationForm.FormKC).Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (s.EndsWith('分'))
        {
            s = s[..^1].TrimEnd();
        }

        return s.Length is > 0 and <= 40
            && decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    public static string Show(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
