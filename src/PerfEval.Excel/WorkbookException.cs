namespace PerfEval.Excel;

/// <summary>
/// A workbook cannot be read as a 自评表: it is not an .xlsx file (an old .xls, a password-protected or corrupt
/// file), it has no indicator block, or a cell holds what its column cannot take. Each problem's messages start
/// with the cell (<c>Sheet1!F12</c>) and quote the text at fault; <see cref="Cell"/> is the first problem's cell.
/// </summary>
/// <remarks>Exceptions are not shared across threads by PerfEval; instances are immutable once thrown.</remarks>
public sealed class WorkbookException : PerfEvalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The workbook's file name, if any.</param>
    /// <param name="cell">Where the first problem is: <c>Sheet1!F12</c>, a range <c>Sheet1!B5:B9</c>, a sheet name, or <see langword="null"/> for the whole file.</param>
    /// <param name="problems">Every problem found (at least one).</param>
    /// <param name="inner">The cause, if any.</param>
    public WorkbookException(string? file, string? cell, IReadOnlyList<Problem> problems, Exception? inner = null)
        : base(file, problems, inner)
    {
        Cell = cell;
    }

    /// <summary>Where the first problem is (<c>Sheet1!F12</c>, <c>Sheet1!B5:B9</c>, or a sheet name), or <see langword="null"/> when it concerns the whole file.</summary>
    public string? Cell { get; }
}
