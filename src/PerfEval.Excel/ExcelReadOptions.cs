namespace PerfEval.Excel;

/// <summary>How a 自评表 workbook is read: the scheme and project id when the workbook does not say, the sheet, and limits.</summary>
/// <remarks>Immutable once built (init-only); safe to share across threads.</remarks>
public sealed class ExcelReadOptions
{
    /// <summary>The default for <see cref="MaxFileBytes"/>: 20 MiB.</summary>
    public const long DefaultMaxFileBytes = 20L * 1024 * 1024;

    /// <summary>The default for <see cref="MaxRows"/>.</summary>
    public const int DefaultMaxRows = 10_000;

    /// <summary>Default options: the scheme from the workbook's 评价方案 cell, the id from the file name.</summary>
    public static ExcelReadOptions Default { get; } = new();

    /// <summary>
    /// The scheme to grade by (a flag such as <c>--scheme</c>); it wins over the workbook's 评价方案 cell.
    /// <see langword="null"/>: the cell must name it.
    /// </summary>
    public string? SchemeId { get; init; }

    /// <summary>The project's id; <see langword="null"/>: the workbook's 项目编号 cell, else the file name without its extension.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The sheet holding the table; <see langword="null"/>: the first sheet with an indicator block.</summary>
    public string? SheetName { get; init; }

    /// <summary>The largest workbook file read, in bytes; larger is a <see cref="WorkbookException"/> before anything is unpacked.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>The most rows read from the sheet; a sheet with more is a <see cref="WorkbookException"/>.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;
}
