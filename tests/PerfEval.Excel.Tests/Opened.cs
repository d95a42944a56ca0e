using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfEval.Excel.Tests;

/// <summary>A written workbook opened for assertions: each sheet's cell texts, comments, fills and validations.</summary>
internal sealed class Opened : IDisposable
{
    private readonly MemoryStream _stream;

    public Opened(byte[] bytes)
    {
        _stream = new MemoryStream(bytes);
        Doc = SpreadsheetDocument.Open(_stream, false);
    }

    public SpreadsheetDocument Doc { get; }

    public IReadOnlyList<string> SheetNames => Doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public WorksheetPart Part(string sheet)
    {
        var s = Doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
        return (WorksheetPart)Doc.WorkbookPart.GetPartById(s.Id!);
    }

    /// <summary>Every non-blank cell's text, by A1 reference (read as PerfEval reads: shared, inline, numbers).</summary>
    public Dictionary<string, string> Texts(string sheet)
    {
        var shared = WorkbookFile.SharedStrings(Doc.WorkbookPart!);
        var grid = Grid.Load(Part(sheet), sheet, shared, 100_000, (c, p, e) => new WorkbookException(null, c, [p], e));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 1; r <= grid.LastRow; r++)
        {
            for (var c = 1; c <= grid.LastCol; c++)
            {
                if (grid.Own(r, c) is { } t)
                {
                    result[new CellPos(r, c).ToString()] = t;
                }
            }
        }

        return result;
    }

    public Dictionary<string, string> Comments(string sheet) =>
        Part(sheet).WorksheetCommentsPart?.Comments?.CommentList?.Elements<Comment>()
            .ToDictionary(c => c.Reference!.Value!, c => c.CommentText!.InnerText, StringComparer.Ordinal) ?? [];

    /// <summary>The solid fill colour (ARGB) of a cell, or null.</summary>
    public string? Fill(string sheet, string reference)
    {
        var cell = Part(sheet).Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell?.StyleIndex?.Value is not { } style)
        {
            return null;
        }

        var styles = Doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)style);
        var fill = styles.Fills!.Elements<Fill>().ElementAt((int)(format.FillId?.Value ?? 0));
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value;
    }

    public void Dispose()
    {
        Doc.Dispose();
        _stream.Dispose();
    }
}
