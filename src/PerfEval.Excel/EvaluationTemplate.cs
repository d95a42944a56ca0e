using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfEval.Model;

namespace PerfEval.Excel;

/// <summary>
/// Writes a blank 项目支出绩效自评表 in the national layout (财预〔2020〕10号's annex) for a scheme: the header block
/// with the scheme's id in 评价方案, the 项目资金 rows (with the execution rate's weight when the scheme's frame
/// has one), and the indicator block with the frame's 一级/二级 names and weights filled in (产出指标（50分）),
/// three blank rows under each for its 三级指标. Number cells (amounts, 分值, 得分) carry data validation; the
/// 实际完成值 and 年度指标值 cells offer 不适用 from a list while still taking any text.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class EvaluationTemplate
{
    /// <summary>The sheet's name.</summary>
    public const string SheetName = "自评表";

    /// <summary>The 1-based row of the indicator block's header.</summary>
    public const int HeaderRow = 12;

    /// <summary>Blank rows left under each 二级指标 (or childless 一级指标) for its 三级指标.</summary>
    public const int RowsPerGroup = 3;

    /// <summary>Writes the template to a file.</summary>
    /// <param name="scheme">The scheme whose frame fills the table.</param>
    /// <param name="path">The .xlsx file to write; replaced if it exists.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(Scheme scheme, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        Write(scheme, stream);
    }

    /// <summary>Writes the template to a stream (not closed).</summary>
    /// <param name="scheme">The scheme whose frame fills the table.</param>
    /// <param name="output">Where the .xlsx goes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Scheme scheme, Stream output)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets());
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var part = wb.AddNewPart<WorksheetPart>();
            var t = new Sheet1(scheme);
            part.Worksheet = t.Build();
            wb.Workbook.Sheets!.AppendChild(new Sheet { Name = SheetName, SheetId = 1, Id = wb.GetIdOfPart(part) });
        }

        output.Write(buffer.ToArray());
    }

    private const uint Title = 1;
    private const uint Header = 2;
    private const uint Body = 3;
    private const uint Label = 4;

    private static Stylesheet Styles()
    {
        var border = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        Alignment Wrap(bool center) => new() { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = center ? HorizontalAlignmentValues.Center : HorizontalAlignmentValues.Left };
        return new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 16 }), new Font(new Bold(), new FontSize { Val = 11 })),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(), border),
            new CellStyleFormats(new CellFormat()),
            new CellFormats(
                new CellFormat(),
                new CellFormat(Wrap(true)) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(Wrap(true)) { FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(Wrap(false)) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(Wrap(true)) { FontId = 2, BorderId = 1, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true }));
    }

    /// <summary>The one sheet, built row by row.</summary>
    private sealed class Sheet1(Scheme scheme)
    {
        private readonly SortedDictionary<int, SortedDictionary<int, (string? Text, uint Style)>> _cells = [];
        private readonly List<string> _merges = [];

        private void Put(int row, int col, string? text, uint style = Body)
        {
            if (!_cells.TryGetValue(row, out var r))
            {
                _cells[row] = r = [];
            }

            r[col] = (text, style);
        }

        private void Box(int row1, int col1, int row2, int col2, string? text, uint style = Body)
        {
            for (var r = row1; r <= row2; r++)
            {
                for (var c = col1; c <= col2; c++)
                {
                    Put(r, c, r == row1 && c == col1 ? text : null, style);
                }
            }

            if (row2 > row1 || col2 > col1)
            {
                _merges.Add($"{new CellPos(row1, col1)}:{new CellPos(row2, col2)}");
            }
        }

        private static string Named(string name, decimal? weight) =>
            weight is { } w ? string.Create(CultureInfo.InvariantCulture, $"{name}（{w}分）") : name;

        private static bool IsExecution(FrameIndicator f) =>
            f.Children.IsEmpty && (f.Name.Contains("预算执行率", StringComparison.Ordinal) || f.Name.Contains("资金执行率", StringComparison.Ordinal));

        public Worksheet Build()
        {
            Box(1, 1, 1, 9, "项目支出绩效自评表", Title);
            Box(2, 1, 2, 9, "（      年度）", Title);
            Put(3, 1, "项目名称", Label);
            Box(3, 2, 3, 9, null);
            Put(4, 1, "主管部门", Label);
            Box(4, 2, 4, 4, null);
            Put(4, 5, "实施单位", Label);
            Box(4, 6, 4, 9, null);
            Put(5, 1, "评价方案", Label);
            Box(5, 2, 5, 4, scheme.Id);
            Put(5, 5, "项目编号", Label);
            Box(5, 6, 5, 9, null);
            Box(6, 1, 9, 1, "项目资金（万元）", Label);
            Put(6, 2, null, Header);
            string[] money = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
            for (var i = 0; i < money.Length; i++)
            {
                Put(6, 3 + i, money[i], Header);
            }

            string[] sources = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"];
            var execution = scheme.Frame.FirstOrDefault(IsExecution);
            for (var i = 0; i < 3; i++)
            {
                Put(7 + i, 2, sources[i == 2 ? 3 : i], Label);
                for (var c = 3; c <= 8; c++)
                {
                    Put(7 + i, c, null);
                }
            }

            if (execution?.Weight is { } ew)
            {
                Put(7, 6, ew.ToString(CultureInfo.InvariantCulture));
            }

            Box(10, 1, 11, 1, "年度总体目标", Label);
            Box(10, 2, 10, 5, "预期目标", Header);
            Box(10, 6, 10, 9, "实际完成情况", Header);
            Box(11, 2, 11, 5, null);
            Box(11, 6, 11, 9, null);
            string[] headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
            for (var i = 0; i < headers.Length; i++)
            {
                Put(HeaderRow, 2 + i, headers[i], Header);
            }

            var row = HeaderRow + 1;
            foreach (var top in scheme.Frame.Where(f => !IsExecution(f)))
            {
                var top1 = row;
                var groups = top.Children.IsEmpty ? [null] : top.Children.Select(c => (FrameIndicator?)c).ToList();
                foreach (var g in groups)
                {
                    if (g is null)
                    {
                        Box(row, 3, row + RowsPerGroup - 1, 3, null);
                    }
                    else
                    {
                        Box(row, 3, row + RowsPerGroup - 1, 3, Named(g.Name, g.Weight), Label);
                    }

                    for (var r = row; r < row + RowsPerGroup; r++)
                    {
                        for (var c = 4; c <= 9; c++)
                        {
                            Put(r, c, null);
                        }
                    }

                    row += RowsPerGroup;
                }

                Box(top1, 2, row - 1, 2, Named(top.Name, top.Weight), Label);
            }

            var last = row - 1;
            Box(HeaderRow, 1, last, 1, "绩效指标", Label);
            Box(row, 1, row, 4, "总分", Label);
            for (var c = 5; c <= 9; c++)
            {
                Put(row, c, c == 7 ? "100" : null);
            }

            Put(row + 1, 1, "自评等级", Label);
            Box(row + 1, 2, row + 1, 9, null);
            Box(row + 2, 1, row + 2, 9,
                "填表说明：三级指标写在三级指标列，每行一个；不适用的指标在实际完成值中选“不适用”；分值、得分填数字。可另加“计分方法”“指标方向”列（见 docs/excel.md）。", 0);

            var data = new SheetData();
            foreach (var (r, cells) in _cells)
            {
                var xr = new Row { RowIndex = (uint)r };
                foreach (var (c, (text, style)) in cells)
                {
                    var cell = new Cell { CellReference = new CellPos(r, c).ToString(), StyleIndex = style };
                    if (text is not null)
                    {
                        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
                        {
                            SheetEdit.SetNumber(cell, d);
                        }
                        else
                        {
                            SheetEdit.SetText(cell, text);
                        }
                    }

                    xr.AppendChild(cell);
                }

                data.AppendChild(xr);
            }

            var columns = new Columns(
                Width(1, 1, 10), Width(2, 3, 16), Width(4, 4, 24), Width(5, 6, 18), Width(7, 8, 9), Width(9, 9, 30));
            // Prints on A4 landscape, one page wide.
            var ws = new Worksheet(new SheetProperties(new PageSetupProperties { FitToPage = true }), columns, data, new MergeCells(_merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)_merges.Count });
            var first = HeaderRow + 1;
            var validations = new DataValidations(
                Number("C7:E9", 0, 1_000_000_000, "金额须为不小于 0 的数字（万元）"),
                Number($"F7:F9 H7:H9 G{first}:H{last}", 0, 100, "分值、得分须为 0 到 100 之间的数字"),
                new DataValidation(new Formula1("\"不适用\""))
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = false,
                    ShowInputMessage = true,
                    PromptTitle = "实际完成值",
                    Prompt = "填写实际完成值；不适用的指标可从列表选“不适用”",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"E{first}:F{last}" },
                })
            { Count = 3 };
            ws.AppendChild(validations);
            ws.AppendChild(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
            ws.AppendChild(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            return ws;
        }

        private static DocumentFormat.OpenXml.Spreadsheet.Column Width(uint min, uint max, double width) =>
            new() { Min = min, Max = max, Width = width, CustomWidth = true };

        private static DataValidation Number(string range, decimal min, decimal max, string message) =>
            new(new Formula1(min.ToString(CultureInfo.InvariantCulture)), new Formula2(max.ToString(CultureInfo.InvariantCulture)))
            {
                Type = DataValidationValues.Decimal,
                Operator = DataValidationOperatorValues.Between,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorTitle = "不是数字",
                Error = message,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
            };
    }
}
