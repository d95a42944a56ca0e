using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfEval.Excel.Tests;

/// <summary>Builds .xlsx workbooks in test code: cells by row and column, merged ranges, several sheets.</summary>
internal sealed class Xlsx
{
    private readonly List<(string Name, SortedDictionary<(int Row, int Col), object> Cells, List<string> Merges)> _sheets = [];

    public Xlsx(string sheet = "Sheet1") => Sheet(sheet);

    private SortedDictionary<(int Row, int Col), object> Current => _sheets[^1].Cells;

    public Xlsx Sheet(string name)
    {
        _sheets.Add((name, new SortedDictionary<(int, int), object>(), []));
        return this;
    }

    /// <summary>Sets a cell: a string is a shared string, a decimal a number cell, <see cref="AsText"/> a number stored as text.</summary>
    public Xlsx Set(int row, int col, object? value)
    {
        if (value is null or "")
        {
            Current.Remove((row, col));
        }
        else
        {
            Current[(row, col)] = value;
        }

        return this;
    }

    public Xlsx Row(int row, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Set(row, i + 1, values[i]);
        }

        return this;
    }

    public Xlsx Merge(string range)
    {
        _sheets[^1].Merges.Add(range);
        return this;
    }

    public object? Get(int row, int col) => Current.TryGetValue((row, col), out var v) ? v : null;

    /// <summary>A number written as a text cell, as people paste numbers.</summary>
    public sealed record AsText(string Text);

    /// <summary>A formula cell with the value Excel cached for it.</summary>
    public sealed record Formula(string Expression, decimal Cached);

    /// <summary>An error cell (t="e"), such as #DIV/0!.</summary>
    public sealed record Error(string Text);

    /// <summary>An inline-string cell (t="inlineStr"), as some exporters write.</summary>
    public sealed record Inline(string Text);

    public static string Ref(int row, int col)
    {
        var name = string.Empty;
        for (var c = col; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets());
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            uint id = 1;
            foreach (var (name, cells, merges) in _sheets)
            {
                var ws = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var group in cells.GroupBy(c => c.Key.Row))
                {
                    var row = new Row { RowIndex = (uint)group.Key };
                    foreach (var ((r, c), v) in group)
                    {
                        var cell = new Cell { CellReference = Ref(r, c) };
                        switch (v)
                        {
                            case string s:
                                if (!index.TryGetValue(s, out var i))
                                {
                                    i = index.Count;
                                    index[s] = i;
                                    sst.SharedStringTable.AppendChild(new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve }));
                                }

                                cell.DataType = CellValues.SharedString;
                                cell.CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture));
                                break;
                            case AsText t:
                                cell.DataType = CellValues.String;
                                cell.CellValue = new CellValue(t.Text);
                                break;
                            case Inline t:
                                cell.DataType = CellValues.InlineString;
                                cell.InlineString = new InlineString(new Text(t.Text));
                                break;
                            case Formula f:
                                cell.CellFormula = new CellFormula(f.Expression);
                                cell.CellValue = new CellValue(f.Cached.ToString(CultureInfo.InvariantCulture));
                                break;
                            case Error err:
                                cell.DataType = CellValues.Error;
                                cell.CellValue = new CellValue(err.Text);
                                break;
                            case decimal d:
                                cell.CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture));
                                break;
                            case int n:
                                cell.CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture));
                                break;
                            case double f:
                                cell.CellValue = new CellValue(f.ToString("R", CultureInfo.InvariantCulture));
                                break;
                            default:
                                throw new ArgumentException($"Unsupported cell value {v}");
                        }

                        row.AppendChild(cell);
                    }

                    data.AppendChild(row);
                }

                var worksheet = new Worksheet(data);
                if (merges.Count > 0)
                {
                    worksheet.AppendChild(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
                }

                ws.Worksheet = worksheet;
                wb.Workbook.Sheets!.AppendChild(new Sheet { Name = name, SheetId = id++, Id = wb.GetIdOfPart(ws) });
            }
        }

        return stream.ToArray();
    }
}
