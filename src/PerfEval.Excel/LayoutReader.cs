using System.Globalization;
using System.Text.RegularExpressions;
using PerfEval.Model;
using PerfEval.Values;

namespace PerfEval.Excel;

/// <summary>Reads a 自评表 sheet: finds the indicator block by its headers, walks its rows into a tree, reads the header block.</summary>
/// <remarks>Not thread-safe; one per read.</remarks>
internal sealed partial class LayoutReader
{
    private static readonly Dictionary<string, Column> Headers = new(StringComparer.Ordinal)
    {
        ["一级指标"] = Column.Level1,
        ["二级指标"] = Column.Level2,
        ["三级指标"] = Column.Level3,
        ["年度指标值"] = Column.Target,
        ["预期指标值"] = Column.Target,
        ["指标值"] = Column.Target,
        ["目标值"] = Column.Target,
        ["年度目标值"] = Column.Target,
        ["预期目标值"] = Column.Target,
        ["实际完成值"] = Column.Actual,
        ["实际完成指标值"] = Column.Actual,
        ["全年实际完成值"] = Column.Actual,
        ["实际值"] = Column.Actual,
        ["完成值"] = Column.Actual,
        ["分值"] = Column.Weight,
        ["权重"] = Column.Weight,
        ["指标分值"] = Column.Weight,
        ["标准分值"] = Column.Weight,
        ["满分"] = Column.Weight,
        ["得分"] = Column.Score,
        ["自评得分"] = Column.Score,
        ["评分"] = Column.Score,
        ["实际得分"] = Column.Score,
        ["偏差原因分析及改进措施"] = Column.Reason,
        ["偏差原因分析"] = Column.Reason,
        ["偏差原因"] = Column.Reason,
        ["偏差原因及改进措施"] = Column.Reason,
        ["指标解释"] = Column.Explanation,
        ["评分标准"] = Column.Criteria,
        ["评价标准"] = Column.Criteria,
        ["评分规则"] = Column.Criteria,
        ["计分方法"] = Column.Method,
        ["指标方向"] = Column.Direction,
        ["计量单位"] = Column.Unit,
        ["单位"] = Column.Unit,
        ["文中数值"] = Column.TextValue,
        ["文中原文"] = Column.TextQuote,
        ["备注"] = Column.Note,
    };

    private static readonly HashSet<string> TotalWords = new(StringComparer.Ordinal) { "总分", "合计", "总计", "总得分", "得分合计", "综合得分", "自评总分" };

    private static readonly Column[] Levels = [Column.Level1, Column.Level2, Column.Level3];

    private static readonly Column[] DataColumns =
        [Column.Target, Column.Actual, Column.Weight, Column.Score, Column.Reason, Column.Method, Column.Direction, Column.TextValue];

    private readonly string? _file;
    private readonly ExcelReadOptions _options;
    private readonly Grid _grid;
    private readonly Layout _layout;
    private readonly List<(int Col, int Level)> _levels = [];
    private readonly List<(int Col, int? Level)> _weights = [];
    private readonly Dictionary<MergeRange, IndicatorBuilder> _mergeOwner = [];
    private readonly Dictionary<IndicatorBuilder, string> _paths = new(ReferenceEqualityComparer.Instance);

    private LayoutReader(string? file, ExcelReadOptions options, Grid grid, int headerRow, Dictionary<Column, int> columns)
    {
        _file = file;
        _options = options;
        _grid = grid;
        _layout = new Layout { Grid = grid, HeaderRow = headerRow, Columns = columns };
    }

    /// <summary>Reads the workbook's bytes into a layout (the evaluation's builder and the cells behind it).</summary>
    public static Layout Read(byte[] bytes, string? file, ExcelReadOptions options)
    {
        var (doc, stream) = WorkbookFile.Open(bytes, file, editable: false);
        using (stream)
        using (doc)
        {
            try
            {
                var workbook = doc.WorkbookPart!;
                var shared = WorkbookFile.SharedStrings(workbook);
                var sheets = WorkbookFile.Sheets(workbook).ToList();
                if (options.SheetName is { } wanted)
                {
                    var match = sheets.FirstOrDefault(s => string.Equals(s.Name, wanted, StringComparison.Ordinal));
                    if (match.Part is null)
                    {
                        throw Problems.Error(file, wanted, "SheetNotFound",
                            $"没有名为“{wanted}”的工作表；工作簿中有：{string.Join("、", sheets.Select(s => s.Name))}",
                            $"No sheet is named \"{wanted}\"; the workbook has: {string.Join(", ", sheets.Select(s => s.Name))}", wanted);
                    }

                    sheets = [match];
                }

                foreach (var (name, part) in sheets)
                {
                    var grid = Grid.Load(part, name, shared, options.MaxRows, (cell, p, e) => new WorkbookException(file, cell, [p], e));
                    if (FindHeader(grid) is { } header)
                    {
                        var reader = new LayoutReader(file, options, grid, header.Row, header.Columns);
                        return reader.Run();
                    }
                }

                var where = string.Join("、", sheets.Select(s => s.Name));
                throw new WorkbookException(file, sheets.Count == 1 ? Grid.Qualify(sheets[0].Name) : null,
                [
                    Problems.Make("NoIndicatorBlock", sheets.Count == 1 ? Grid.Qualify(sheets[0].Name) : null,
                        $"找不到绩效指标表：工作表（{where}）中没有一行同时写有“一级指标”和“二级指标”或“三级指标”等表头",
                        $"No indicator block: no row of the sheets ({where}) has the headers 一级指标 and 二级指标 or 三级指标", "一级指标"),
                ]);
            }
            catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
                or IOException or FormatException or OverflowException or InvalidOperationException)
            {
                throw WorkbookFile.Corrupt(file, e.Message, e.Message, e);
            }
        }
    }

    private static (int Row, Dictionary<Column, int> Columns)? FindHeader(Grid grid)
    {
        for (var r = 1; r <= grid.LastRow; r++)
        {
            var columns = new Dictionary<Column, int>();
            foreach (var c in grid.Columns(r))
            {
                if (grid.Own(r, c) is { } text && Headers.TryGetValue(Cells.Key(text), out var col))
                {
                    columns.TryAdd(col, c);
                }
            }

            if (columns.ContainsKey(Column.Level1) && (columns.ContainsKey(Column.Level2) || columns.ContainsKey(Column.Level3))
                && (columns.ContainsKey(Column.Target) || columns.ContainsKey(Column.Actual) || columns.ContainsKey(Column.Score) || columns.ContainsKey(Column.Weight)))
            {
                return (r, columns);
            }
        }

        return null;
    }

    private Layout Run()
    {
        var h = _layout.HeaderRow;
        foreach (var level in Levels)
        {
            if (_layout.Columns.TryGetValue(level, out var c))
            {
                _levels.Add((c, (int)level));
            }
        }

        // Every 分值/权重 header: right after a level's name column it is that level's weight (一级指标 | 分值 | 二级指标 | 分值 …);
        // elsewhere it is the weight of whatever the row's leaf is.
        foreach (var c in _grid.Columns(h))
        {
            if (_grid.Own(h, c) is { } text && Headers.TryGetValue(Cells.Key(text), out var col) && col == Column.Weight)
            {
                var left = _levels.FindIndex(l => l.Col == c - 1);
                _weights.Add((c, left >= 0 && left < _levels.Count - 1 ? left : null));
            }
        }

        if (_weights.Count == 1)
        {
            _weights[0] = (_weights[0].Col, null); // one weight column is the leaves' (a 权重 column may sit anywhere)
        }

        // A two-row header (cells merged down over the row below) ends where its merges end.
        var start = h + 1;
        foreach (var m in _grid.Merges)
        {
            if (m.Row1 == h && _layout.Columns.ContainsValue(m.Col1))
            {
                start = Math.Max(start, m.Row2 + 1);
            }
        }

        var schemeId = _options.SchemeId;
        var b = new EvaluationBuilder(_options.ProjectId ?? "workbook", schemeId ?? string.Empty);
        _layout.Builder = b;
        var end = ReadRows(start, b);
        ReadLabels(b, end);
        ReadBudget(b);
        ReadGoals(b);

        if (string.IsNullOrWhiteSpace(b.SchemeId))
        {
            throw Problems.Error(_file, null, "MissingScheme",
                "未指定评价方案：请在“评价方案”单元格填写方案编号（如 national-2020），或在读取时给出方案",
                "No scheme is named: write its id (e.g. national-2020) in a 评价方案 cell, or give it as an option");
        }

        if (_options.ProjectId is null && b.Id == "workbook" && _file is not null)
        {
            b.Id = Path.GetFileNameWithoutExtension(_file);
        }

        b.Source = _file is null ? _grid.Sheet : $"{Path.GetFileName(_file)}!{_grid.Sheet}";
        return _layout;
    }

    private int Col(Column c) => _layout.Columns.TryGetValue(c, out var i) ? i : 0;

    /// <summary>A cell's text as it belongs to this cell: its own, or its merged range's when the range starts in this column.</summary>
    private string? Value(int row, int col)
    {
        if (col == 0)
        {
            return null;
        }

        var m = _grid.MergeAt(row, col);
        if (m is null)
        {
            return _grid.Own(row, col);
        }

        return m.Col1 == col ? _grid.Own(m.Row1, col) : null;
    }

    /// <summary>Whether the row itself writes something in a data column (not a merged cell started above).</summary>
    private bool HasData(int row)
    {
        foreach (var c in DataColumns)
        {
            var col = Col(c);
            if (col == 0)
            {
                continue;
            }

            var m = _grid.MergeAt(row, col);
            if ((m is null || (m.Row1 == row && m.Col1 == col)) && _grid.Own(m?.Row1 ?? row, col) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private enum Source
    {
        Blank,
        Own,
        Continued,
        Inherited,
        Spanned,
    }

    private bool IsTotalRow(int row)
    {
        var first = _levels.Count == 0 ? 1 : _levels.Max(l => l.Col);
        for (var c = 1; c <= first; c++)
        {
            var m = _grid.MergeAt(row, c);
            if ((m is null || m.Row1 == row) && Value(row, c) is { } t && TotalWords.Contains(Cells.Key(t)))
            {
                return true;
            }
        }

        return false;
    }

    private int ReadRows(int start, EvaluationBuilder b)
    {
        var n = _levels.Count;
        var prev = new string?[n];
        var last = start - 1;
        for (var r = start; r <= _grid.LastRow; r++)
        {
            if (IsTotalRow(r))
            {
                if (Col(Column.Score) is > 0 and var sc)
                {
                    _layout.Total = new CellPos(r, sc);
                    if (Number(r, sc, "总分", "total") is { } total)
                    {
                        b.Reported = b.Reported with { Total = total };
                    }
                }

                return r;
            }

            var names = new string?[n];
            var kinds = new Source[n];
            var ranges = new MergeRange?[n];
            for (var k = 0; k < n; k++)
            {
                var c = _levels[k].Col;
                var m = _grid.MergeAt(r, c);
                ranges[k] = m;
                if (m is not null && m.Col1 != c)
                {
                    kinds[k] = Source.Spanned;
                }
                else if (m is not null && m.Row1 < r)
                {
                    names[k] = _grid.Own(m.Row1, c);
                    kinds[k] = names[k] is null ? Source.Blank : Source.Continued;
                }
                else
                {
                    names[k] = _grid.Own(r, c);
                    kinds[k] = names[k] is null ? Source.Blank : Source.Own;
                }
            }

            var hasData = HasData(r);
            var deepest = Array.FindLastIndex(kinds, k => k is Source.Own or Source.Continued);
            if (deepest < 0)
            {
                if (hasData)
                {
                    var at = new CellPos(r, _levels[^1].Col);
                    throw Problems.Error(_file, _grid.Ref(at), "RowWithoutName",
                        "此行填有数据，但没有指标名称", "This row has figures but no indicator name", Value(r, Col(Column.Actual)) ?? Value(r, Col(Column.Target)));
                }

                continue;
            }

            if (kinds[deepest] == Source.Continued)
            {
                continue; // the lower rows of a merged leaf cell
            }

            if (!hasData && deepest < n - 1 && ranges[deepest] is { } span && span.Row2 > span.Row1)
            {
                continue; // an unfilled template row: a merged 二级 cell with no 三级 and no figures
            }

            for (var k = 0; k < deepest; k++)
            {
                if (kinds[k] == Source.Blank && prev[k] is not null && kinds.Take(k).All(x => x != Source.Own))
                {
                    names[k] = prev[k];
                    kinds[k] = Source.Inherited;
                }
            }

            AddRow(r, names, kinds, ranges, deepest, b);
            Array.Copy(names, prev, n);
            for (var k = deepest + 1; k < n; k++)
            {
                prev[k] = null;
            }

            last = r;
        }

        return last;
    }

    private void AddRow(int r, string?[] names, Source[] kinds, MergeRange?[] ranges, int deepest, EvaluationBuilder b)
    {
        IList<IndicatorBuilder> siblings = b.Indicators;
        string? path = null;
        for (var k = 0; k <= deepest; k++)
        {
            if (names[k] is not { } raw)
            {
                continue;
            }

            var (name, suffixWeight) = SplitWeight(raw);
            var nameCell = ranges[k] is { } rk && rk.Col1 == _levels[k].Col ? rk.TopLeft : new CellPos(r, _levels[k].Col);
            var last = siblings.Count > 0 ? siblings[^1] : null;
            var here = path is null ? name : path + "/" + name;
            if (k < deepest)
            {
                if (last is not null && string.Equals(last.Name, name, StringComparison.Ordinal) && last.Children.Count == 0)
                {
                    throw Problems.Error(_file, _grid.Ref(nameCell), "LeafAndBranch",
                        $"“{name}”在上一行是末级指标，这一行又有下级指标：指标树不成立", $"\"{name}\" is a leaf in the row above and has children in this row: the tree does not hold", raw, here);
                }

                // A merged cell whose top rows were all skipped (an unfilled template group) starts its node here.
                var kind = kinds[k] == Source.Continued && !_mergeOwner.ContainsKey(ranges[k]!) ? Source.Own : kinds[k];
                var reuse = last is not null && string.Equals(last.Name, name, StringComparison.Ordinal) && kind != Source.Own
                    || (last is not null && string.Equals(last.Name, name, StringComparison.Ordinal) && kind == Source.Own && ranges[k] is null);
                if (kind == Source.Continued && (!reuse || !ReferenceEquals(_mergeOwner[ranges[k]!], last)))
                {
                    var above = k > 0 && names[k - 1] is { } p ? SplitWeight(p).Name : null;
                    throw Problems.Error(_file, _grid.Ref(ranges[k]!), "BrokenMerge",
                        $"合并单元格“{name}”跨越了不同的上级指标（第 {r} 行属于“{above}”）：指标树不成立",
                        $"The merged cell \"{name}\" spans rows of different parent indicators (row {r} belongs to \"{above}\"): the tree does not hold", raw, here);
                }

                IndicatorBuilder node;
                if (reuse)
                {
                    node = last!;
                }
                else
                {
                    node = new IndicatorBuilder(name);
                    siblings.Add(node);
                    _paths[node] = here;
                    _layout.Origins.TryAdd(here, new NodeOrigin { Row = nameCell.Row, Name = nameCell });
                    if (ranges[k] is { } own && kind == Source.Own)
                    {
                        _mergeOwner[own] = node;
                    }
                }

                if (node.Weight is null)
                {
                    node.Weight = suffixWeight ?? LevelWeight(nameCell.Row, k, here);
                    if (node.Weight is not null && _layout.Origins.TryGetValue(here, out var o))
                    {
                        o.Weight ??= suffixWeight is null ? LevelWeightCell(nameCell.Row, k) : nameCell;
                    }
                }

                siblings = node.Children;
                path = here;
                continue;
            }

            if (last is not null && string.Equals(last.Name, name, StringComparison.Ordinal) && last.Children.Count > 0)
            {
                throw Problems.Error(_file, _grid.Ref(nameCell), "LeafAndBranch",
                    $"“{name}”在上面的行中有下级指标，这一行又作为末级指标：指标树不成立", $"\"{name}\" has children in the rows above and is a leaf in this row: the tree does not hold", raw, here);
            }

            var leaf = new IndicatorBuilder(name);
            siblings.Add(leaf);
            _paths[leaf] = here;
            FillLeaf(leaf, r, k, raw, suffixWeight, nameCell, here);
            if (ranges[k] is { } lr)
            {
                _mergeOwner[lr] = leaf;
            }
        }
    }

    private decimal? LevelWeight(int row, int level, string path)
    {
        var cell = LevelWeightCell(row, level);
        return cell is { } c ? Number(c.Row, c.Col, "分值", "weight", path) : null;
    }

    private CellPos? LevelWeightCell(int row, int level)
    {
        foreach (var (col, l) in _weights)
        {
            if (l == level && Value(row, col) is not null)
            {
                var m = _grid.MergeAt(row, col);
                return m?.TopLeft ?? new CellPos(row, col);
            }
        }

        return null;
    }

    private void FillLeaf(IndicatorBuilder leaf, int r, int level, string raw, decimal? suffixWeight, CellPos nameCell, string path)
    {
        // The leaf's weight: a weight column of its own level, else the row's general 分值 column, else the name's （N分）.
        CellPos? weightCell = null;
        foreach (var (col, l) in _weights.OrderBy(w => w.Level == level ? 0 : w.Level is null ? 1 : 2))
        {
            if ((l == level || l is null || (l == _levels.Count - 1)) && Value(r, col) is not null)
            {
                weightCell = new CellPos(r, col);
                break;
            }
        }

        if (weightCell is null && _weights.FirstOrDefault(w => w.Level is null || w.Level == level) is { Col: > 0 } any)
        {
            weightCell = new CellPos(r, any.Col);
        }

        leaf.Weight = (weightCell is { } wc ? Number(wc.Row, wc.Col, "分值", "weight", path) : null) ?? suffixWeight;
        var scoreCol = Col(Column.Score);
        leaf.SelfScore = scoreCol > 0 ? Number(r, scoreCol, "得分", "score", path) : null;
        leaf.Target = Text(r, Column.Target);
        leaf.Actual = Text(r, Column.Actual);
        leaf.Unit = Text(r, Column.Unit);
        leaf.DeviationReason = Text(r, Column.Reason);
        leaf.TextValue = Text(r, Column.TextValue);
        leaf.TextQuote = Text(r, Column.TextQuote);
        leaf.Note = Text(r, Column.Note);
        leaf.NotApplicable = ReadsNotApplicable(leaf.Target) || ReadsNotApplicable(leaf.Actual);
        if (Text(r, Column.Direction) is { } direction)
        {
            leaf.Direction = ReadDirection(direction, new CellPos(r, Col(Column.Direction)), path);
        }

        if (Text(r, Column.Method) is { } method)
        {
            var criteriaCol = Col(Column.Criteria);
            leaf.Method = MethodText.Read(method, Text(r, Column.Criteria), _grid.Ref(new CellPos(r, Col(Column.Method))),
                criteriaCol > 0 ? _grid.Ref(new CellPos(r, criteriaCol)) : null, _file, path);
        }

        _layout.Origins.TryAdd(path, new NodeOrigin
        {
            Row = r,
            Name = nameCell,
            Weight = weightCell ?? (suffixWeight is null ? null : nameCell),
            Score = scoreCol > 0 ? new CellPos(r, scoreCol) : null,
            Target = Col(Column.Target) is > 0 and var t ? new CellPos(r, t) : null,
            Actual = Col(Column.Actual) is > 0 and var a ? new CellPos(r, a) : null,
        });
    }

    private string? Text(int row, Column column) => Value(row, Col(column));

    private static bool ReadsNotApplicable(string? text) =>
        text is not null && ValueReader.TryRead(text, null, out var v, out _) && v.Kind == ValueKind.NotApplicable;

    private Direction ReadDirection(string text, CellPos cell, string path)
    {
        switch (Cells.Key(text).ToUpperInvariant())
        {
            case "正向" or "POSITIVE" or "越大越好": return Direction.Positive;
            case "反向" or "NEGATIVE" or "越小越好": return Direction.Negative;
            case "等于" or "EQUAL" or "=": return Direction.Equal;
            default:
                throw Problems.Error(_file, _grid.Ref(cell), "UnknownDirection",
                    $"指标方向“{text}”无法识别：应为 正向、反向 或 等于", $"Unknown direction \"{text}\": write 正向, 反向 or 等于", text, path);
        }
    }

    /// <summary>A number cell: blank (or a dash, or 不适用) is null; anything else not a number is an error naming the cell and text.</summary>
    private decimal? Number(int row, int col, string whatZh, string whatEn, string? path = null)
    {
        var text = Value(row, col);
        if (text is null)
        {
            return null;
        }

        if (Cells.TryNumber(text, out var d))
        {
            return d;
        }

        if (ValueReader.TryRead(text, null, out var v, out _) && v.Kind is ValueKind.Empty or ValueKind.NotApplicable)
        {
            return null;
        }

        throw Problems.Error(_file, _grid.Ref(new CellPos(row, col)), "NotANumber",
            $"{whatZh}“{Problems.Quote(text)}”不是数字", $"The {whatEn} \"{Problems.Quote(text)}\" is not a number", text, path);
    }

    [GeneratedRegex(@"^(?<name>.+?)\s*[（(]\s*(?<w>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分\s*[)）]$")]
    private static partial Regex WeightSuffix();

    /// <summary>产出指标（40分） → (产出指标, 40): the weight a name cell prints.</summary>
    internal static (string Name, decimal? Weight) SplitWeight(string raw)
    {
        var text = raw.Trim();
        var m = WeightSuffix().Match(text);
        if (m.Success && Cells.TryNumber(m.Groups["w"].Value, out var w))
        {
            return (m.Groups["name"].Value.Trim(), w);
        }

        return (text, null);
    }

    private static readonly Dictionary<string, string> LabelKeys = new(StringComparer.Ordinal)
    {
        ["项目名称"] = "name",
        ["项目编号"] = "id",
        ["项目代码"] = "id",
        ["主管部门"] = "department",
        ["实施单位"] = "unit",
        ["评价方案"] = "scheme",
        ["方案编号"] = "scheme",
        ["评价方案编号"] = "scheme",
        ["自评等级"] = "grade",
        ["评价等级"] = "grade",
        ["绩效等级"] = "grade",
        ["地区"] = "region",
        ["所属地区"] = "region",
        ["评价年度"] = "year",
        ["预算年度"] = "year",
        ["总分"] = "total",
        ["自评总分"] = "total",
    };

    /// <summary>Labels outside the indicator block: 项目名称 | value, 自评等级 | 优, or 自评等级：优 in one cell.</summary>
    private void ReadLabels(EvaluationBuilder b, int blockEnd)
    {
        for (var r = 1; r <= _grid.LastRow; r++)
        {
            if (r >= _layout.HeaderRow && r < blockEnd)
            {
                continue;
            }

            foreach (var c in _grid.Columns(r).ToList())
            {
                var m = _grid.MergeAt(r, c);
                if (m is not null && (m.Row1 != r || m.Col1 != c))
                {
                    continue;
                }

                if (_grid.Own(r, c) is not { } text)
                {
                    continue;
                }

                string? key;
                string? value;
                CellPos at;
                var colon = text.IndexOfAny(['：', ':']);
                if (LabelKeys.TryGetValue(Cells.Key(text), out key))
                {
                    (value, at) = RightOf(r, c);
                }
                else if (colon > 0 && LabelKeys.TryGetValue(Cells.Key(text[..colon]), out key) && text[(colon + 1)..].Trim() is { Length: > 0 } inCell)
                {
                    (value, at) = (inCell, new CellPos(r, c));
                }
                else
                {
                    continue;
                }

                if (r == blockEnd && key != "grade")
                {
                    continue; // the 总分 row itself was read with the block
                }

                Apply(b, key, value, at);
            }
        }
    }

    private (string? Value, CellPos At) RightOf(int r, int c)
    {
        var own = _grid.MergeAt(r, c);
        foreach (var x in _grid.Columns(r).Where(x => x > c))
        {
            var m = _grid.MergeAt(r, x);
            if (own is not null && ReferenceEquals(m, own))
            {
                continue;
            }

            if (m is not null && (m.Col1 != x))
            {
                continue;
            }

            if (Value(r, x) is { } v)
            {
                return LabelKeys.ContainsKey(Cells.Key(v)) ? (null, new CellPos(r, x)) : (v, m?.TopLeft ?? new CellPos(r, x));
            }
        }

        return (null, new CellPos(r, c + 1));
    }

    private void Apply(EvaluationBuilder b, string key, string? value, CellPos at)
    {
        switch (key)
        {
            case "grade":
                _layout.Grade = at;
                if (value is not null)
                {
                    b.Reported = b.Reported with { Grade = value.Trim() };
                }

                break;
            case "scheme":
                if (string.IsNullOrWhiteSpace(b.SchemeId) && value is not null)
                {
                    b.SchemeId = value.Trim();
                }

                break;
            case "total":
                if (_layout.Total is null)
                {
                    _layout.Total = at;
                    if (value is not null)
                    {
                        b.Reported = b.Reported with { Total = Number(at.Row, at.Col, "总分", "total") };
                    }
                }

                break;
            case "name":
                b.Name ??= value;
                break;
            case "id":
                if (_options.ProjectId is null && value is not null)
                {
                    b.Id = value.Trim();
                }

                break;
            case "unit":
                b.Unit = value ?? b.Unit;
                break;
            case "department":
                if (value is not null)
                {
                    b.Unit ??= value;
                    b.Notes.Add("主管部门：" + value);
                }

                break;
            case "region":
                b.Region ??= value;
                break;
            case "year":
                if (value is not null && Regex.Match(value.Normalize(System.Text.NormalizationForm.FormKC), "[0-9]{4}") is { Success: true } y)
                {
                    b.Year = int.Parse(y.Value, CultureInfo.InvariantCulture);
                }

                break;
        }
    }

    /// <summary>
    /// The 项目资金 rows: a label row with 年初预算数 | 全年预算数 | 全年执行数 (| 分值 | 执行率 | 得分) and the 年度资金总额 row
    /// under it. With a 分值 column the execution rate is a scored indicator (the national layout), added as 预算执行率.
    /// </summary>
    private void ReadBudget(EvaluationBuilder b)
    {
        for (var r = 1; r < _layout.HeaderRow; r++)
        {
            var cols = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in _grid.Columns(r))
            {
                var key = Cells.Key(Value(r, c));
                var name = key switch
                {
                    "年初预算数" => "initial",
                    "全年预算数" or "预算数" => "planned",
                    "全年执行数" or "执行数" => "executed",
                    "分值" => "weight",
                    "执行率" or "预算执行率" => "rate",
                    "得分" => "score",
                    _ => null,
                };
                if (name is not null)
                {
                    cols.TryAdd(name, c);
                }
            }

            if (!cols.TryGetValue("executed", out var ec))
            {
                continue;
            }

            for (var v = r + 1; v < _layout.HeaderRow; v++)
            {
                if (Value(v, ec) is null)
                {
                    continue;
                }

                var executed = Number(v, ec, "全年执行数", "executed amount");
                var planned = (cols.TryGetValue("planned", out var pc) ? Number(v, pc, "全年预算数", "planned amount") : null)
                    ?? (cols.TryGetValue("initial", out var ic) ? Number(v, ic, "年初预算数", "initial budget") : null);
                _layout.Executed = new CellPos(v, ec);
                if (executed is { } e && planned is { } p)
                {
                    b.Budget = new Budget(p, e, BudgetUnit(r));
                }

                string? rate = null;
                if (cols.TryGetValue("rate", out var rc))
                {
                    _layout.Rate = new CellPos(v, rc);
                    rate = Value(v, rc);
                    if (rate is not null)
                    {
                        b.Reported = b.Reported with { ExecutionRatePercent = Percent(rate, new CellPos(v, rc)) };
                    }
                }

                if (cols.TryGetValue("weight", out var wc) && !b.Indicators.Any(IsExecutionRate))
                {
                    var leaf = new IndicatorBuilder("预算执行率", Number(v, wc, "分值", "weight", "预算执行率"))
                    {
                        SelfScore = cols.TryGetValue("score", out var sc) ? Number(v, sc, "得分", "score", "预算执行率") : null,
                        Actual = rate is null ? null : (Cells.TryNumber(rate, out _) ? Cells.Show(Percent(rate, new CellPos(v, rc))!.Value) + "%" : rate),
                    };
                    b.Indicators.Insert(0, leaf);
                    _layout.Origins.TryAdd("预算执行率", new NodeOrigin
                    {
                        Row = v,
                        Name = new CellPos(v, ec),
                        Weight = new CellPos(v, wc),
                        Score = cols.TryGetValue("score", out var sc2) ? new CellPos(v, sc2) : null,
                        Actual = _layout.Rate,
                                });
                }

                return;
            }
        }
    }

    /// <summary>年度总体目标: the 预期目标 and 实际完成情况 texts under their labels, kept as notes.</summary>
    private void ReadGoals(EvaluationBuilder b)
    {
        for (var r = 1; r < _layout.HeaderRow; r++)
        {
            foreach (var c in _grid.Columns(r))
            {
                var key = Cells.Key(_grid.Own(r, c));
                var label = key switch
                {
                    "预期目标" or "年度预期目标" => "预期目标",
                    "实际完成情况" or "目标实际完成情况" or "实际完成目标" => "实际完成情况",
                    _ => null,
                };
                if (label is null || _grid.MergeAt(r, c) is { } m && m.Row1 != r)
                {
                    continue;
                }

                var below = (_grid.MergeAt(r, c)?.Row2 ?? r) + 1;
                if (below < _layout.HeaderRow && Value(below, c) is { } text)
                {
                    b.Notes.Add($"年度总体目标 {label}：{text}");
                }
            }
        }
    }

    private static bool IsExecutionRate(IndicatorBuilder node) =>
        node.Name.Contains("预算执行率", StringComparison.Ordinal) || node.Name.Contains("资金执行率", StringComparison.Ordinal)
        || node.Children.Any(IsExecutionRate);

    private string? BudgetUnit(int labelRow)
    {
        for (var r = Math.Max(1, labelRow - 1); r <= labelRow + 1; r++)
        {
            foreach (var c in _grid.Columns(r))
            {
                if (_grid.Own(r, c) is { } t && Cells.Key(t) is var k && (k.StartsWith("项目资金", StringComparison.Ordinal) || k.StartsWith("项目预算执行情况", StringComparison.Ordinal)))
                {
                    return Cells.BracketNote(t) ?? "万元";
                }
            }
        }

        return "万元";
    }

    /// <summary>执行率 as written: 97.10% → 97.10; a number cell 0.971 (a fraction shown as a percentage) → 97.1.</summary>
    private decimal? Percent(string text, CellPos cell)
    {
        var s = text.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (s.EndsWith('%') && Cells.TryNumber(s[..^1], out var p))
        {
            return p;
        }

        if (Cells.TryNumber(s, out var n))
        {
            return n <= 1 ? n * 100 : n;
        }

        throw Problems.Error(_file, _grid.Ref(cell), "NotANumber",
            $"执行率“{Problems.Quote(text)}”不是百分数", $"The execution rate \"{Problems.Quote(text)}\" is not a percentage", text);
    }
}
