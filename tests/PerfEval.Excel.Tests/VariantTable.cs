using PerfEval.Model;

namespace PerfEval.Excel.Tests;

/// <summary>The fields a regional table may carry, each placed by its header.</summary>
internal enum Field
{
    L1, L2, L3, W1, W2, W3, Target, Actual, Score, Method, Direction, Criteria, Explanation, Note,
}

/// <summary>How 一级/二级 names are written on the rows below their first.</summary>
internal enum Names
{
    Merged,
    Blank,
    Repeated,
}

/// <summary>
/// Writes an evaluation in a regional layout: any columns in any order, each a (header, field) pair, the budget
/// rows without a 分值 column, a 总分 row and a 自评等级 cell. W1/W2 are weight columns next to a level's name
/// (the Hunan table's 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值); without them branch weights are printed
/// in the names (产出指标（40分）).
/// </summary>
internal sealed class VariantTable
{
    private readonly (string Header, Field Field)[] _columns;

    public VariantTable(Names names, params (string Header, Field Field)[] columns)
    {
        _columns = columns;
        NameMode = names;
    }

    public Names NameMode { get; }

    public const int HeaderRow = 6;

    public Dictionary<string, int> Rows { get; } = new(StringComparer.Ordinal);

    public int TotalRow { get; private set; }

    private int C(Field f) => Array.FindIndex(_columns, c => c.Field == f) + 1;

    private bool Has(Field f) => C(f) > 0;

    public Xlsx Write(ProjectEvaluation e)
    {
        var x = new Xlsx("自评表");
        x.Row(1, "项目名称", e.Name);
        x.Row(2, "实施单位", e.Unit, "评价方案", e.SchemeId, "项目编号", e.Id);
        if (e.Budget is { } b)
        {
            x.Row(3, $"项目资金（{b.Unit}）", "年初预算数", "全年预算数", "全年执行数");
            x.Row(4, "年度资金总额", b.Planned, b.Planned, b.Executed);
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            x.Set(HeaderRow, i + 1, _columns[i].Header);
        }

        var row = HeaderRow + 1;
        foreach (var root in e.Indicators)
        {
            row = WriteNode(x, root, row, 0, []);
        }

        TotalRow = row;
        x.Set(row, 1, "总分");
        if (e.Reported.Total is { } t)
        {
            x.Set(row, C(Field.Score), t);
        }

        if (e.Reported.Grade is { } g)
        {
            x.Row(row + 1, "自评等级", g);
        }

        return x;
    }

    private static readonly Field[] LevelFields = [Field.L1, Field.L2, Field.L3];
    private static readonly Field[] WeightFields = [Field.W1, Field.W2, Field.W3];

    private int WriteNode(Xlsx x, Indicator node, int row, int level, List<Indicator> ancestors)
    {
        // A table with no 二级 column puts level-2 leaves in the 三级 column.
        var lf = LevelFields[level];
        if (!Has(lf) && lf == Field.L2)
        {
            lf = Field.L3;
        }

        if (node.IsLeaf)
        {
            var leafField = Has(Field.L3) && level >= 1 ? Field.L3 : lf;
            x.Set(row, C(leafField), node.Name);
            if (NameMode == Names.Repeated)
            {
                for (var i = 0; i < ancestors.Count; i++)
                {
                    x.Set(row, C(LevelFields[i]), Named(ancestors[i]));
                }
            }

            Rows[node.Path] = row;
            Put(x, row, Field.Target, node.TargetText);
            Put(x, row, Field.Actual, node.ActualText);
            Put(x, row, Field.W3, node.Weight);
            Put(x, row, Field.Score, node.SelfScore);
            Put(x, row, Field.Method, NationalTable.MethodText(node.Method));
            Put(x, row, Field.Direction, node.Direction switch { Direction.Positive => "正向", Direction.Negative => "反向", Direction.Equal => "等于", _ => null });
            Put(x, row, Field.Criteria, node.Method is { Kind: MethodKind.Checklist } m ? string.Join("\n", m.Criteria.Select(c => c.Text)) : null);
            Put(x, row, Field.Explanation, node.Note is null ? null : "（指标解释）");
            return row + 1;
        }

        var first = row;
        x.Set(row, C(lf), Named(node));
        Put(x, row, WeightFields[level], node.Weight);
        ancestors.Add(node);
        foreach (var child in node.Children)
        {
            row = WriteNode(x, child, row, level + 1, ancestors);
        }

        ancestors.RemoveAt(ancestors.Count - 1);
        if (NameMode == Names.Merged && row - first > 1)
        {
            x.Merge($"{Xlsx.Ref(first, C(lf))}:{Xlsx.Ref(row - 1, C(lf))}");
            if (Has(WeightFields[level]))
            {
                x.Merge($"{Xlsx.Ref(first, C(WeightFields[level]))}:{Xlsx.Ref(row - 1, C(WeightFields[level]))}");
            }
        }

        return row;
    }

    private string Named(Indicator node) =>
        !Has(Field.W1) && node.Weight is { } w ? $"{node.Name}（{NationalTable.Show(w)}分）" : node.Name;

    private void Put(Xlsx x, int row, Field f, object? value)
    {
        if (Has(f) && value is not null)
        {
            x.Set(row, C(f), value);
        }
    }
}
