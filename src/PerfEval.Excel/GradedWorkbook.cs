using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfEval.Grading;

namespace PerfEval.Excel;

/// <summary>
/// Writes a graded copy of a 自评表 workbook: every original cell as it came, plus a 计算得分 column (the rules'
/// score of each row and the total), each finding as a comment on the cell it concerns with a fill on that cell
/// (Warning yellow, Error red), and a 审核 sheet listing every finding with its cell reference and every
/// indicator's score.
/// </summary>
/// <remarks>Stateless and thread-safe: every call works on its own copy.</remarks>
public static class GradedWorkbook
{
    /// <summary>The 计算得分 column's header.</summary>
    public const string ScoreColumnHeader = "计算得分";

    /// <summary>The name of the sheet listing the findings.</summary>
    public const string AuditSheetName = "审核";

    internal const string ErrorFill = "FFFFC7CE";
    internal const string WarningFill = "FFFFEB9C";

    /// <summary>Writes the graded copy of a workbook file to another file.</summary>
    /// <param name="sourcePath">The workbook the evaluation was read from.</param>
    /// <param name="result">Its grading (of the evaluation <see cref="EvaluationWorkbook"/> read from it).</param>
    /// <param name="outputPath">The file to write; replaced if it exists.</param>
    /// <param name="options">The options the workbook was read with (its sheet); <see langword="null"/> for defaults.</param>
    /// <exception cref="WorkbookException">The source cannot be read as a 自评表.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The output cannot be written.</exception>
    public static void Write(string sourcePath, GradingResult result, string outputPath, ExcelReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(outputPath);
        options ??= ExcelReadOptions.Default;
        var bytes = WorkbookFile.ReadAll(sourcePath, options);
        var graded = Grade(bytes, sourcePath, result, options);
        File.WriteAllBytes(outputPath, graded);
    }

    /// <summary>Writes the graded copy of a workbook read from a stream.</summary>
    /// <param name="source">The workbook's bytes (read to the end; not closed).</param>
    /// <param name="result">Its grading.</param>
    /// <param name="output">Where the graded copy goes (not closed).</param>
    /// <param name="fileName">The source's file name for messages, if any.</param>
    /// <param name="options">The options the workbook was read with; <see langword="null"/> for defaults.</param>
    /// <exception cref="WorkbookException">The source cannot be read as a 自评表.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream source, GradingResult result, Stream output, string? fileName = null, ExcelReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        options ??= ExcelReadOptions.Default;
        var graded = Grade(WorkbookFile.ReadAll(source, fileName, options), fileName, result, options);
        output.Write(graded);
    }

    private static byte[] Grade(byte[] bytes, string? file, GradingResult result, ExcelReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        var layout = LayoutReader.Read(bytes, file, options);
        try
        {
            return Edit(bytes, file, result, layout);
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException or OverflowException or InvalidDataException or OpenXmlPackageException)
        {
            // A part the reader did not need (styles, comments) is damaged.
            throw WorkbookFile.Corrupt(file, e.Message, e.Message, e);
        }
    }

    private static byte[] Edit(byte[] bytes, string? file, GradingResult result, Layout layout)
    {
        var (doc, stream) = WorkbookFile.Open(bytes, file, editable: true);
        using (stream)
        {
            using (doc)
            {
                var wb = doc.WorkbookPart!;
                var part = WorkbookFile.Sheets(wb).First(s => s.Name == layout.Grid.Sheet).Part;
                var data = part.Worksheet.GetFirstChild<SheetData>() ?? part.Worksheet.AppendChild(new SheetData());
                SheetEdit.Normalize(data);
                var col = layout.LastColumn + 1;
                SheetEdit.SetText(SheetEdit.CellAt(data, new CellPos(layout.HeaderRow, col)), ScoreColumnHeader);
                foreach (var r in result.Indicators.Where(i => i.IsLeaf))
                {
                    if (layout.Origins.TryGetValue(r.Path, out var o))
                    {
                        var cell = SheetEdit.CellAt(data, new CellPos(o.Row, col));
                        if (r.IsNotApplicable)
                        {
                            SheetEdit.SetText(cell, "不适用");
                        }
                        else
                        {
                            SheetEdit.SetNumber(cell, r.Score);
                        }
                    }
                }

                if (layout.Total is { } total)
                {
                    SheetEdit.SetNumber(SheetEdit.CellAt(data, new CellPos(total.Row, col)), result.Total);
                }

                var stylesheet = SheetEdit.Styles(wb);
                var fills = new CellPainter(stylesheet);
                var notes = new List<(CellPos Cell, string Text)>();
                foreach (var group in result.Findings.Select(f => (Finding: f, Cell: FindingCells.For(layout, f))).Where(x => x.Cell is not null).GroupBy(x => x.Cell!.Value))
                {
                    var worst = group.Max(x => x.Finding.Severity);
                    var cell = SheetEdit.CellAt(data, group.Key);
                    if (worst >= Severity.Warning)
                    {
                        fills.Paint(cell, worst == Severity.Error ? ErrorFill : WarningFill);
                    }

                    notes.Add((group.Key, string.Join("\n\n", group.Select(x => $"[{x.Finding.Severity}] {x.Finding.Code}\n{x.Finding.MessageZh}\n{x.Finding.MessageEn}"))));
                }

                Comments.Add(part, notes);
                AuditSheet(wb, layout, result, col, SheetEdit.WrapStyle(stylesheet));
                part.Worksheet.Save();
                doc.Save();
            }

            return stream.ToArray();
        }
    }

    private static void AuditSheet(WorkbookPart wb, Layout layout, GradingResult result, int scoreCol, uint wrap)
    {
        var sheets = wb.Workbook.Sheets!;
        var names = sheets.Elements<Sheet>().Select(s => s.Name?.Value).ToHashSet(StringComparer.Ordinal);
        var name = AuditSheetName;
        for (var i = 2; names.Contains(name); i++)
        {
            name = AuditSheetName + i.ToString(CultureInfo.InvariantCulture);
        }

        var part = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var row = 1;
        void Line(params object?[] values)
        {
            var r = new Row { RowIndex = (uint)row };
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is null)
                {
                    continue;
                }

                var cell = new Cell { CellReference = new CellPos(row, c + 1).ToString(), StyleIndex = wrap };
                if (values[c] is decimal d)
                {
                    SheetEdit.SetNumber(cell, d);
                }
                else
                {
                    SheetEdit.SetText(cell, Convert.ToString(values[c], CultureInfo.InvariantCulture)!);
                }

                r.AppendChild(cell);
            }

            data.AppendChild(r);
            row++;
        }

        Line("审核发现 Findings", null, null, null, null, $"{result.Evaluation.Name} ({result.Evaluation.Id})", $"方案 Scheme: {result.Scheme.Id}");
        Line("计算总分 Total", result.Total, "等级 Grade", result.Grade.Name, "报告总分 Reported", result.Evaluation.Reported.Total is { } t ? t : "—", result.Evaluation.Reported.Grade ?? "—");
        Line();
        Line("序号 No.", "严重程度 Severity", "代码 Code", "单元格 Cell", "指标 Indicator", "说明", "Message");
        var n = 1;
        foreach (var f in result.Findings)
        {
            var cell = FindingCells.For(layout, f);
            Line((decimal)n++, f.Severity.ToString(), f.Code, cell is { } c ? layout.Ref(c) : "—", f.Path ?? "—", f.MessageZh, f.MessageEn);
        }

        Line();
        Line("指标 Indicator", "分值 Weight", "计算得分 Score", "自评得分 Self-score", "单元格 Cell", "不适用 N/A");
        foreach (var i in result.Indicators)
        {
            var at = layout.Origins.TryGetValue(i.Path, out var o) ? layout.Ref(i.IsLeaf ? new CellPos(o.Row, scoreCol) : o.Name) : "—";
            Line(i.Path, i.Weight, i.Score, i.SelfScore is { } s ? s : null, at, i.IsNotApplicable ? "不适用" : null);
        }

        part.Worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new Columns(
                new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 1, Max = 1, Width = 28, CustomWidth = true },
                new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 2, Max = 5, Width = 16, CustomWidth = true },
                new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 6, Max = 7, Width = 50, CustomWidth = true }),
            data,
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        var id = sheets.Elements<Sheet>().Select(s => s.SheetId?.Value ?? 0).DefaultIfEmpty(0u).Max() + 1;
        sheets.AppendChild(new Sheet { Name = name, SheetId = id, Id = wb.GetIdOfPart(part) });
    }
}

/// <summary>The cell a finding concerns, by its code: the 得分 cell for score findings, 实际完成值 for value findings, and so on.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class FindingCells
{
    public static CellPos? For(Layout layout, Finding f)
    {
        switch (f.Code)
        {
            case FindingCodes.ReportedTotalMismatch or FindingCodes.RuleTotalDiffers:
                if (f.Path is null)
                {
                    return layout.Total;
                }

                break;
            case FindingCodes.ReportedGradeMismatch or FindingCodes.RuleGradeDiffers:
                return layout.Grade ?? layout.Total;
            case FindingCodes.ExecutionRateMismatch:
                return layout.Rate ?? layout.Executed;
        }

        if (f.Path is null || !layout.Origins.TryGetValue(f.Path, out var o))
        {
            return f.Path is null ? null : NearestAncestor(layout, f.Path);
        }

        return f.Code switch
        {
            FindingCodes.SelfScoreAboveWeight or FindingCodes.SelfScoreDiffersFromRule or FindingCodes.SelfScorePartsMismatch
                or FindingCodes.SubtotalMismatch or FindingCodes.SelfScoreUsed or FindingCodes.ReportedTotalMismatch or FindingCodes.RuleTotalDiffers
                => o.Score ?? o.Name,
            FindingCodes.WeightSumMismatch or FindingCodes.WeightAssigned => o.Weight ?? o.Name,
            FindingCodes.UnreadableValue or FindingCodes.UnitAssumed or FindingCodes.ActualRepeatsTarget or FindingCodes.CompletionWordForNumber
                or FindingCodes.CopiedText or FindingCodes.CostOverTarget or FindingCodes.OutcomeAssumed or FindingCodes.TextTableMismatch
                => o.Actual ?? o.Name,
            _ => o.Name,
        };
    }

    private static CellPos? NearestAncestor(Layout layout, string path)
    {
        for (var cut = path.LastIndexOf('/'); cut > 0; cut = path.LastIndexOf('/', cut - 1))
        {
            if (layout.Origins.TryGetValue(path[..cut], out var o))
            {
                return o.Name;
            }
        }

        return null;
    }
}

/// <summary>Cell comments (notes): the comments part and the VML drawing Excel needs to show them.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class Comments
{
    public static void Add(WorksheetPart sheet, List<(CellPos Cell, string Text)> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        var commentsPart = sheet.WorksheetCommentsPart ?? sheet.AddNewPart<WorksheetCommentsPart>();
        commentsPart.Comments ??= new DocumentFormat.OpenXml.Spreadsheet.Comments(new Authors(), new CommentList());
        var comments = commentsPart.Comments;
        var authors = comments.Authors ??= new Authors();
        var authorId = authors.Elements<Author>().ToList().FindIndex(a => a.Text == "PerfEval");
        if (authorId < 0)
        {
            authors.AppendChild(new Author("PerfEval"));
            authorId = authors.ChildElements.Count - 1;
        }

        var list = comments.CommentList ??= new CommentList();
        var fresh = new List<CellPos>();
        foreach (var (cell, text) in notes)
        {
            var reference = cell.ToString();
            if (list.Elements<Comment>().FirstOrDefault(c => c.Reference?.Value == reference) is { } existing)
            {
                // A comment the officer wrote stays; the findings follow it.
                existing.CommentText ??= new CommentText();
                existing.CommentText.AppendChild(new Run(new Text("\n\nPerfEval:\n" + text) { Space = SpaceProcessingModeValues.Preserve }));
                continue;
            }

            list.AppendChild(new Comment(new CommentText(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Reference = reference,
                AuthorId = (uint)authorId,
            });
            fresh.Add(cell);
        }

        commentsPart.Comments.Save();
        Vml(sheet, fresh);
    }

    private static void Vml(WorksheetPart sheet, List<CellPos> cells)
    {
        var shapes = new StringBuilder();
        var n = 1024 + (sheet.VmlDrawingParts.Any() ? 1000 : 0); // ids only need to be unique in the drawing
        foreach (var c in cells)
        {
            n++;
            shapes.Append(CultureInfo.InvariantCulture,
                $"""<v:shape id="_x0000_s{n}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:110pt;z-index:{n};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{c.Col}, 15, {c.Row - 1}, 2, {c.Col + 4}, 15, {c.Row + 6}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{c.Row - 1}</x:Row><x:Column>{c.Col - 1}</x:Column></x:ClientData></v:shape>""");
        }

        var legacy = sheet.Worksheet.GetFirstChild<LegacyDrawing>();
        if (legacy?.Id?.Value is { } rid && sheet.TryGetPartById(rid, out var existing) && existing is VmlDrawingPart vml)
        {
            string xml;
            using (var reader = new StreamReader(vml.GetStream(FileMode.Open, FileAccess.Read)))
            {
                xml = reader.ReadToEnd();
            }

            var end = xml.LastIndexOf("</xml>", StringComparison.Ordinal);
            if (end >= 0)
            {
                xml = string.Concat(xml.AsSpan(0, end), shapes.ToString(), xml.AsSpan(end));
                using var writer = new StreamWriter(vml.GetStream(FileMode.Create, FileAccess.Write), new UTF8Encoding(false));
                writer.Write(xml);
            }

            return;
        }

        var part = sheet.AddNewPart<VmlDrawingPart>();
        var doc = """<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"""
            + shapes + "</xml>";
        using (var writer = new StreamWriter(part.GetStream(FileMode.Create, FileAccess.Write), new UTF8Encoding(false)))
        {
            writer.Write(doc);
        }

        var ws = sheet.Worksheet;
        var drawing = new LegacyDrawing { Id = sheet.GetIdOfPart(part) };
        var before = ws.ChildElements.FirstOrDefault(e => e is LegacyDrawingHeaderFooter or Picture or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
        if (before is null)
        {
            ws.AppendChild(drawing);
        }
        else
        {
            before.InsertBeforeSelf(drawing);
        }
    }
}
