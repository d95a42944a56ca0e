using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfEval.Excel;

/// <summary>Small edits to a worksheet's DOM that keep the schema's order: cells in rows by column, rows by index.</summary>
/// <remarks>Not thread-safe; one per write.</remarks>
internal static class SheetEdit
{
    /// <summary>
    /// Gives every row and cell the position the reader gave it (<see cref="Grid"/>: a missing or unreadable
    /// index is the one after the previous), so edits land where the reader saw the figures.
    /// </summary>
    public static void Normalize(SheetData data)
    {
        uint row = 0;
        foreach (var r in data.Elements<Row>())
        {
            row = uint.TryParse(r.RowIndex?.InnerText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : row + 1;
            r.RowIndex = row;
            var col = 0;
            foreach (var c in r.Elements<Cell>())
            {
                if (Cells.TryParse(c.CellReference?.InnerText, out var p))
                {
                    col = p.Col;
                    if (p.Row != row)
                    {
                        c.CellReference = new CellPos((int)row, col).ToString();
                    }
                }
                else
                {
                    col++;
                    c.CellReference = new CellPos((int)row, col).ToString();
                }

                if (c.StyleIndex is { } style && !uint.TryParse(style.InnerText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    c.StyleIndex = null;
                }
            }
        }
    }

    public static Cell CellAt(SheetData data, CellPos pos)
    {
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex?.Value == (uint)pos.Row);
        if (row is null)
        {
            row = new Row { RowIndex = (uint)pos.Row };
            var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex?.Value < (uint)pos.Row);
            if (after is null)
            {
                data.PrependChild(row);
            }
            else
            {
                after.InsertAfterSelf(row);
            }
        }

        // Cells may leave out their reference; give each one its position first so the new cell lands in order.
        var col = 0;
        foreach (var c in row.Elements<Cell>())
        {
            if (Cells.TryParse(c.CellReference?.Value, out var p))
            {
                col = p.Col;
            }
            else
            {
                col++;
                c.CellReference = new CellPos(pos.Row, col).ToString();
            }
        }

        var reference = pos.ToString();
        var existing = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (existing is not null)
        {
            return existing;
        }

        var cell = new Cell { CellReference = reference };
        var before = row.Elements<Cell>().FirstOrDefault(c => Cells.TryParse(c.CellReference?.Value, out var p) && p.Col > pos.Col);
        if (before is null)
        {
            row.AppendChild(cell);
        }
        else
        {
            before.InsertBeforeSelf(cell);
        }

        return cell;
    }

    public static void SetText(Cell cell, string text)
    {
        cell.DataType = CellValues.InlineString;
        cell.CellValue = null;
        cell.RemoveAllChildren<InlineString>();
        cell.AppendChild(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    public static void SetNumber(Cell cell, decimal value)
    {
        cell.DataType = null;
        cell.RemoveAllChildren<InlineString>();
        cell.CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The stylesheet, made when the workbook has none (a default font, the two required fills, a border, a format).</summary>
    public static Stylesheet Styles(WorkbookPart wb)
    {
        var part = wb.WorkbookStylesPart ?? wb.AddNewPart<WorkbookStylesPart>();
        part.Stylesheet ??= new Stylesheet();
        var s = part.Stylesheet;
        if (s.Fonts is null)
        {
            s.Fonts = new Fonts(new Font());
        }

        if (s.Fills is null)
        {
            s.Fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        }

        if (s.Borders is null)
        {
            s.Borders = new Borders(new Border());
        }

        if (s.CellStyleFormats is null)
        {
            s.CellStyleFormats = new CellStyleFormats(new CellFormat());
        }

        if (s.CellFormats is null)
        {
            s.CellFormats = new CellFormats(new CellFormat());
        }

        // The schema fixes the order of a stylesheet's children; put the ones this code may have added in place.
        var order = new OpenXmlElement?[] { s.NumberingFormats, s.Fonts, s.Fills, s.Borders, s.CellStyleFormats, s.CellFormats };
        var all = order.Where(e => e is not null).Concat(s.ChildElements.Where(e => !order.Contains(e))).ToList();
        foreach (var e in all)
        {
            e!.Remove();
        }

        foreach (var e in all)
        {
            s.AppendChild(e!);
        }

        return s;
    }

    /// <summary>Adds a cell format that wraps text at the top of the cell and returns its index.</summary>
    public static uint WrapStyle(Stylesheet styles)
    {
        var formats = styles.CellFormats!;
        formats.AppendChild(new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true });
        formats.Count = (uint)formats.ChildElements.Count;
        return formats.Count - 1;
    }
}

/// <summary>Fills cells by severity, cloning each cell's own format so its font, border and number format stay.</summary>
/// <remarks>Not thread-safe; one per write.</remarks>
internal sealed class CellPainter
{
    private readonly Stylesheet _styles;
    private readonly Dictionary<(uint Style, string Color), uint> _made = [];

    public CellPainter(Stylesheet styles) => _styles = styles;

    public void Paint(Cell cell, string argb)
    {
        var style = cell.StyleIndex?.Value ?? 0;
        if (!_made.TryGetValue((style, argb), out var index))
        {
            var fills = _styles.Fills!;
            fills.AppendChild(new Fill(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
            fills.Count = (uint)fills.ChildElements.Count;
            var formats = _styles.CellFormats!;
            var source = formats.Elements<CellFormat>().ElementAtOrDefault((int)style) ?? new CellFormat();
            var clone = (CellFormat)source.CloneNode(true);
            clone.FillId = fills.Count - 1;
            clone.ApplyFill = true;
            formats.AppendChild(clone);
            formats.Count = (uint)formats.ChildElements.Count;
            index = formats.Count - 1;
            _made[(style, argb)] = index;
        }

        cell.StyleIndex = index;
    }
}
