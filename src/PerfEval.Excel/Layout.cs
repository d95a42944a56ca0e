using PerfEval.Model;

namespace PerfEval.Excel;

/// <summary>The columns of an indicator block, found by their header text.</summary>
internal enum Column
{
    Level1,
    Level2,
    Level3,
    Target,
    Actual,
    Weight,
    Score,
    Reason,
    Explanation,
    Criteria,
    Method,
    Direction,
    Unit,
    TextValue,
    TextQuote,
    Note,
}

/// <summary>Where one indicator sits in the sheet.</summary>
internal sealed class NodeOrigin
{
    public required int Row { get; init; }

    public required CellPos Name { get; init; }

    public CellPos? Weight { get; set; }

    public CellPos? Score { get; init; }

    public CellPos? Target { get; init; }

    public CellPos? Actual { get; init; }
}

/// <summary>What reading a workbook found: the evaluation's builder and where every figure sits.</summary>
/// <remarks>Not thread-safe; one per read.</remarks>
internal sealed class Layout
{
    public required Grid Grid { get; init; }

    public required int HeaderRow { get; init; }

    public required Dictionary<Column, int> Columns { get; init; }

    public Dictionary<string, NodeOrigin> Origins { get; } = new(StringComparer.Ordinal);

    public CellPos? Total { get; set; }

    public CellPos? Grade { get; set; }

    public CellPos? Rate { get; set; }

    public CellPos? Executed { get; set; }

    public EvaluationBuilder Builder { get; set; } = null!;

    /// <summary>The last column the sheet uses (data or header).</summary>
    public int LastColumn => Math.Max(Grid.LastCol, Columns.Values.DefaultIfEmpty(0).Max());

    public string Ref(CellPos pos) => Grid.Ref(pos);
}
