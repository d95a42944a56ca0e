using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfEval.Excel;

/// <summary>
/// One worksheet's cell texts and merged ranges, read with the SDK's streaming reader (one cell at a time, so a
/// large sheet is refused by its row count, not by the memory it takes).
/// </summary>
/// <remarks>Not thread-safe; one per read.</remarks>
internal sealed class Grid
{
    private readonly Dictionary<CellPos, string> _texts = [];
    private readonly Dictionary<int, List<MergeRange>> _mergeRows = [];
    private readonly Dictionary<int, List<int>> _columns = [];

    /// <summary>The most row-spans of merged ranges kept (a range counts once per row it covers).</summary>
    public const int MaxMergeRows = 1_000_000;

    private Grid(string sheet) => Sheet = sheet;

    public string Sheet { get; }

    public int LastRow { get; private set; }

    public int LastCol { get; private set; }

    public List<MergeRange> Merges { get; } = [];

    /// <summary>A cell's own text (trimmed), or null when blank.</summary>
    public string? Own(int row, int col) => _texts.TryGetValue(new CellPos(row, col), out var t) ? t : null;

    public MergeRange? MergeAt(int row, int col)
    {
        if (_mergeRows.TryGetValue(row, out var list))
        {
            foreach (var m in list)
            {
                if (col >= m.Col1 && col <= m.Col2)
                {
                    return m;
                }
            }
        }

        return null;
    }

    /// <summary>The columns of a row that hold text or start a merged range, ascending: where a value can be.</summary>
    public IEnumerable<int> Columns(int row)
    {
        var own = _columns.TryGetValue(row, out var c) ? c : [];
        if (!_mergeRows.TryGetValue(row, out var merges))
        {
            return own;
        }

        return own.Concat(merges.Select(m => m.Col1)).Distinct().Order();
    }

    /// <summary>The text shown at a cell: its own, or its merged range's top-left text.</summary>
    public string? Shown(int row, int col) => MergeAt(row, col) is { } m ? Own(m.Row1, m.Col1) : Own(row, col);

    /// <summary>A sheet-qualified reference: <c>Sheet1!F12</c> (quoted when the name needs it).</summary>
    public string Ref(CellPos pos) => Qualify(Sheet) + "!" + pos;

    public string Ref(MergeRange range) => Qualify(Sheet) + "!" + range;

    public static string Qualify(string sheet) =>
        sheet.All(ch => char.IsLetterOrDigit(ch) || ch == '_') ? sheet : "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static Grid Load(WorksheetPart part, string sheet, IReadOnlyList<string> sharedStrings, int maxRows, Func<string?, Problem, Exception?, WorkbookException> fail)
    {
        var grid = new Grid(sheet);
        using var reader = OpenXmlReader.Create(part);
        var row = 0;
        var col = 0;
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }

            if (reader.ElementType == typeof(Row))
            {
                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                row = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : row + 1;
                col = 0;
                if (row > maxRows)
                {
                    throw fail(grid.Ref(new CellPos(row, 1)), Problems.Make("TooManyRows", grid.Ref(new CellPos(row, 1)),
                        $"工作表超过 {maxRows} 行", $"The sheet has more than {maxRows} rows"), null);
                }
            }
            else if (reader.ElementType == typeof(Cell))
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                if (Cells.TryParse(cell.CellReference?.Value, out var pos))
                {
                    (row, col) = (pos.Row == 0 ? row : pos.Row, pos.Col);
                }
                else
                {
                    col++;
                }

                if (row > maxRows)
                {
                    throw fail(grid.Ref(new CellPos(row, col)), Problems.Make("TooManyRows", grid.Ref(new CellPos(row, col)),
                        $"工作表超过 {maxRows} 行", $"The sheet has more than {maxRows} rows"), null);
                }

                var text = Text(cell, sharedStrings)?.Trim();
                if (!string.IsNullOrEmpty(text))
                {
                    if (grid._texts.TryAdd(new CellPos(row, col), text))
                    {
                        if (!grid._columns.TryGetValue(row, out var cols))
                        {
                            grid._columns[row] = cols = [];
                        }

                        cols.Add(col);
                    }

                    grid.LastRow = Math.Max(grid.LastRow, row);
                    grid.LastCol = Math.Max(grid.LastCol, col);
                }
            }
            else if (reader.ElementType == typeof(MergeCell))
            {
                var merge = (MergeCell)reader.LoadCurrentElement()!;
                if (Cells.TryParseRange(merge.Reference?.Value, out var range))
                {
                    grid.Merges.Add(range);
                }
            }
        }

        var spans = 0;
        foreach (var m in grid.Merges)
        {
            // Only the rows that hold data matter; a range over a whole column is clipped to them.
            for (var r = m.Row1; r <= Math.Min(m.Row2, Math.Max(grid.LastRow, m.Row1)); r++)
            {
                if (++spans > MaxMergeRows)
                {
                    throw fail(grid.Ref(m), Problems.Make("TooManyMerges", grid.Ref(m),
                        $"合并单元格过多（超过 {MaxMergeRows} 行次）", $"Too many merged cells (more than {MaxMergeRows} row spans)"), null);
                }

                if (!grid._mergeRows.TryGetValue(r, out var list))
                {
                    grid._mergeRows[r] = list = [];
                }

                list.Add(m);
            }
        }

        foreach (var cols in grid._columns.Values)
        {
            cols.Sort();
        }

        return grid;
    }

    private static string? Text(Cell cell, IReadOnlyList<string> sharedStrings)
    {
        var raw = cell.CellValue?.Text;
        // The type attribute as written: an unknown one (a damaged file) is read as plain text, not thrown on.
        switch (cell.DataType?.InnerText)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : null;
            case "inlineStr":
                return cell.InlineString is { } s ? ItemText(s) : raw;
            case "b":
                return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw;
            case null or "" or "n":
                return Number(raw);
            default:
                return raw;
        }
    }

    /// <summary>A number as stored (a double's shortest text) shown as a decimal: 0.1, not 0.10000000000000001.</summary>
    internal static string? Number(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || double.IsInfinity(d))
        {
            return raw;
        }

        try
        {
            // Convert.ToDecimal keeps 15 significant digits: what Excel itself shows of a double.
            return Convert.ToDecimal(d, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return raw;
        }
    }

    /// <summary>A rich or plain string item's text, without phonetic (ruby) runs.</summary>
    public static string ItemText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain && !item.Elements<Run>().Any())
        {
            return plain.Text;
        }

        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? string.Empty)) + (item.GetFirstChild<Text>()?.Text ?? string.Empty);
    }
}
