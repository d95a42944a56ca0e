using PerfEval.Model;

namespace PerfEval.Excel;

/// <summary>
/// Reads a 项目支出绩效自评表 workbook (.xlsx) into a <see cref="ProjectEvaluation"/>: the header block (项目名称,
/// 主管部门, 实施单位, 项目资金, 评价方案, 自评等级) and the indicator block, whose columns are found by their header
/// text (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 and the
/// regional variants in docs/excel.md).
/// </summary>
/// <remarks>Stateless and thread-safe: every call reads its own copy of the workbook.</remarks>
public static class EvaluationWorkbook
{
    /// <summary>Reads a workbook file.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="options">The scheme and id when the workbook does not give them, the sheet, limits; <see langword="null"/> for defaults.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="WorkbookException">The file is not a readable .xlsx (.xls, password-protected, corrupt, too large) or the table cannot be read; the message names the cell (<c>Sheet1!F12</c>) and the text.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static ProjectEvaluation Read(string path, ExcelReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ExcelReadOptions.Default;
        return Build(LayoutReader.Read(WorkbookFile.ReadAll(path, options), path, options), path);
    }

    /// <summary>Reads a workbook from a stream (read to its end; not closed).</summary>
    /// <param name="workbook">The .xlsx bytes.</param>
    /// <param name="fileName">The file name for messages and the default project id, if any.</param>
    /// <param name="options">The scheme and id when the workbook does not give them, the sheet, limits; <see langword="null"/> for defaults.</param>
    /// <returns>The evaluation, validated.</returns>
    /// <exception cref="WorkbookException">The bytes are not a readable .xlsx or the table cannot be read; the message names the cell and the text.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="workbook"/> is null.</exception>
    public static ProjectEvaluation Read(Stream workbook, string? fileName = null, ExcelReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        options ??= ExcelReadOptions.Default;
        return Build(LayoutReader.Read(WorkbookFile.ReadAll(workbook, fileName, options), fileName, options), fileName);
    }

    /// <summary>
    /// Whether a file is meant for this reader rather than the JSON one: its name ends in .xlsx, .xlsm or .xls, or it
    /// starts with a ZIP or OLE compound-file signature. A host (the CLI) uses it to pick the reader, so an old .xls
    /// gets this reader's message instead of a JSON error.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns><see langword="true"/> for a workbook (or what claims to be one).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool IsWorkbookFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ext = Path.GetExtension(path);
        if (ext.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || ext.Equals(".xlsm", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".xls", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Span<byte> head = stackalloc byte[4];
            var n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            return n == 4 && ((head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
                || (head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static ProjectEvaluation Build(Layout layout, string? file)
    {
        try
        {
            return layout.Builder.Build();
        }
        catch (EvaluationException e)
        {
            // The builder names indicator paths; a workbook's reader wants the cell.
            var problems = new List<Problem>();
            string? first = null;
            foreach (var p in e.Problems)
            {
                var cell = CellFor(layout, p);
                first ??= cell;
                problems.Add(Problems.Make(p.Code, cell, p.MessageZh, p.MessageEn, p.Text ?? Name(p.IndicatorPath), p.IndicatorPath));
            }

            throw new WorkbookException(file, first, problems, e);
        }
    }

    private static string? Name(string? path) => path is null ? null : path[(path.LastIndexOf('/') + 1)..];

    private static string? CellFor(Layout layout, Problem p)
    {
        if (p.IndicatorPath is { } path && layout.Origins.TryGetValue(path, out var o))
        {
            var pos = p.Code switch
            {
                "NegativeWeight" => o.Weight,
                "NegativeScore" or "MissingSelfScore" => o.Score,
                "NumberOutOfRange" when p.MessageEn.Contains("selfScore", StringComparison.Ordinal) => o.Score,
                "NumberOutOfRange" => o.Weight,
                _ => null,
            } ?? o.Name;
            return layout.Ref(pos);
        }

        return p.Code switch
        {
            "InvalidBudget" or "NumberOutOfRange" when layout.Executed is { } e => layout.Ref(e),
            "EmptyTree" => layout.Ref(new CellPos(layout.HeaderRow, layout.Columns[Column.Level1])),
            _ => null,
        };
    }
}
