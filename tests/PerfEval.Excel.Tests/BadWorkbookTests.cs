using System.Text;

namespace PerfEval.Excel.Tests;

/// <summary>Bad workbooks: each is a <see cref="WorkbookException"/> naming the cell (Sheet1!F12) and the text at fault, never a crash.</summary>
public sealed class BadWorkbookTests
{
    /// <summary>A small valid 自评表: two 一级 blocks, one leaf each, a 总分 row.</summary>
    internal static Xlsx Small()
    {
        var x = new Xlsx();
        x.Row(1, "评价方案", "national-2020");
        x.Row(2, "项目名称", "测试项目");
        x.Row(3, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施");
        x.Row(4, "产出指标（90分）", "数量指标（90分）", "完成率", "≥95%", "96%", 90m, 90m);
        x.Row(5, "满意度指标（10分）", "满意度指标（10分）", "满意度", "≥95%", "76%", 10m, 8m);
        x.Row(6, "总分", null, null, null, null, 100m, 98m);
        return x;
    }

    private static WorkbookException Fails(byte[] bytes, ExcelReadOptions? options = null, string file = "bad.xlsx")
    {
        var e = Assert.Throws<WorkbookException>(() => EvaluationWorkbook.Read(new MemoryStream(bytes), file, options));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void The_small_table_itself_reads()
    {
        // 90 (≥95%, 96%: met) + 10 × 76 ÷ 95 = 8 → 98.
        var e = EvaluationWorkbook.Read(new MemoryStream(Small().Build()), "small.xlsx");
        Assert.Equal("small", e.Id);
        Assert.Equal(98m, new PerfEval.Grading.Grader().Grade(e).Total);
    }

    [Fact]
    public void No_indicator_block()
    {
        var x = new Xlsx();
        x.Row(1, "项目名称", "测试项目");
        x.Row(2, "指标", "目标", "完成");
        var e = Fails(x.Build());
        Assert.Equal("NoIndicatorBlock", e.Problems[0].Code);
        Assert.Equal("Sheet1", e.Cell);
        Assert.Contains("一级指标", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_that_is_not_a_number()
    {
        var e = Fails(Small().Set(4, 6, "九十分").Build());
        Assert.Equal("NotANumber", e.Problems[0].Code);
        Assert.Equal("Sheet1!F4", e.Cell);
        Assert.Contains("Sheet1!F4", e.Message, StringComparison.Ordinal);
        Assert.Contains("九十分", e.Message, StringComparison.Ordinal);
        Assert.Equal("九十分", e.Problems[0].Text);
    }

    [Fact]
    public void A_score_that_is_not_a_number()
    {
        var e = Fails(Small().Set(5, 7, "良").Build());
        Assert.Equal("Sheet1!G5", e.Cell);
        Assert.Contains("“良”", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merged_cell_that_breaks_the_tree()
    {
        // 二级 数量指标 merged down B4:B5 over rows of two different 一级 indicators.
        var x = Small().Set(5, 2, null).Merge("B4:B5");
        var e = Fails(x.Build());
        Assert.Equal("BrokenMerge", e.Problems[0].Code);
        Assert.Equal("Sheet1!B4:B5", e.Cell);
        Assert.Contains("数量指标", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_that_is_also_a_branch()
    {
        var x = Small();
        x.Row(6, null, "数量指标（90分）", null, "≥95%", "96%", 90m, 90m);
        x.Row(7, "总分", null, null, null, null, 100m, 98m);
        // Row 5 would be a second 一级 block; make row 6 a continuation of 满意度指标 with a leaf 二级 of the same name as row 5's branch.
        x.Set(6, 2, "满意度指标");
        var e = Fails(x.Build());
        Assert.Equal("LeafAndBranch", e.Problems[0].Code);
        Assert.Equal("Sheet1!B6", e.Cell);
        Assert.Contains("满意度指标", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sibling_rows_with_one_name()
    {
        var x = Small();
        x.Row(5, null, null, "完成率", "≥95%", "96%", 10m, 8m); // continues 产出指标/数量指标 with a second 完成率
        x.Row(6, "总分", null, null, null, null, 100m, 98m);
        var e = Fails(x.Build());
        Assert.Equal("DuplicateIndicator", e.Problems[0].Code);
        Assert.Equal("Sheet1!C4", e.Cell);
        Assert.Contains("完成率", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_weight()
    {
        var e = Fails(Small().Set(5, 6, new Xlsx.AsText("－10")).Build());
        Assert.Equal("NegativeWeight", e.Problems[0].Code);
        Assert.Equal("Sheet1!F5", e.Cell);
        Assert.Contains("-10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_figures_but_no_name()
    {
        var x = Small();
        x.Row(6, null, null, null, "≥1次", "2次", 1m, 1m);
        x.Row(7, "总分", null, null, null, null, 100m, 98m);
        x.Set(5, 3, null);   // row 5: 满意度指标/满意度指标 is then a level-2 leaf; row 6 blank names under a new block cannot inherit a leaf name
        var e = Fails(x.Build());
        Assert.Equal("RowWithoutName", e.Problems[0].Code);
        Assert.Equal("Sheet1!C6", e.Cell);
        Assert.Contains("2次", e.Problems[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_method_or_direction()
    {
        var x = Small().Set(3, 9, "计分方法").Set(4, 9, "神机妙算");
        var e = Fails(x.Build());
        Assert.Equal("UnknownMethod", e.Problems[0].Code);
        Assert.Equal("Sheet1!I4", e.Cell);
        Assert.Contains("神机妙算", e.Message, StringComparison.Ordinal);

        var d = Fails(Small().Set(3, 9, "指标方向").Set(5, 9, "向上").Build());
        Assert.Equal("Sheet1!I5", d.Cell);
        Assert.Contains("向上", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checklist_criterion_without_points()
    {
        var x = Small().Set(3, 9, "计分方法").Set(3, 10, "评分标准").Set(4, 9, "清单").Set(4, 10, "制度健全记1分\n执行有效");
        var e = Fails(x.Build());
        Assert.Equal("CriterionWithoutPoints", e.Problems[0].Code);
        Assert.Equal("Sheet1!J4", e.Cell);
        Assert.Contains("执行有效", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_scheme_in_the_workbook_or_the_options()
    {
        var e = Fails(Small().Set(1, 1, null).Set(1, 2, null).Build());
        Assert.Equal("MissingScheme", e.Problems[0].Code);
        Assert.Contains("评价方案", e.Message, StringComparison.Ordinal);

        // The option gives it (and wins over a cell).
        var read = EvaluationWorkbook.Read(new MemoryStream(Small().Build()), "s.xlsx", new ExcelReadOptions { SchemeId = "hebei-shijiazhuang-2019" });
        Assert.Equal("hebei-shijiazhuang-2019", read.SchemeId);
    }

    [Fact]
    public void An_old_xls_file()
    {
        var e = Fails(CompoundFile("Workbook", "SummaryInformation"), file: "old.xls");
        Assert.Equal("OldXlsFormat", e.Problems[0].Code);
        Assert.Null(e.Cell);
        Assert.Contains(".xls", e.Message, StringComparison.Ordinal);
        Assert.Contains("另存为 .xlsx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_protected_workbook()
    {
        var e = Fails(CompoundFile("EncryptionInfo", "EncryptedPackage"), file: "locked.xlsx");
        Assert.Equal("PasswordProtected", e.Problems[0].Code);
        Assert.Contains("密码", e.Message, StringComparison.Ordinal);
        Assert.Contains("password", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("text")]
    [InlineData("truncated")]
    [InlineData("zip without workbook")]
    public void A_corrupt_file(string kind)
    {
        var good = Small().Build();
        var bytes = kind switch
        {
            "empty" => [],
            "text" => Encoding.UTF8.GetBytes("一级指标,二级指标\n产出,数量\n"),
            "truncated" => good[..(good.Length / 2)],
            _ => Zip(("hello.txt", "not a workbook")),
        };
        var e = Fails(bytes);
        Assert.Equal("CorruptWorkbook", e.Problems[0].Code);
        Assert.Contains("损坏", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_are_checked_before_reading()
    {
        var big = Fails(Small().Build(), new ExcelReadOptions { MaxFileBytes = 100 });
        Assert.Equal("FileTooLarge", big.Problems[0].Code);

        var x = Small();
        x.Set(50, 1, "附注");
        var rows = Fails(x.Build(), new ExcelReadOptions { MaxRows = 20 });
        Assert.Equal("TooManyRows", rows.Problems[0].Code);
        Assert.Equal("Sheet1!A50", rows.Cell);
    }

    [Fact]
    public void Far_columns_and_whole_sheet_merges_are_not_expanded_cell_by_cell()
    {
        // A note in XFD1 (column 16 384) and a merge over 16 382 columns × 9 000 rows: the reader keeps one range a row,
        // not 147 million merged cells, and still reads the table (98).
        var x = Small().Set(1, 16_384, "附注").Set(9_000, 2, "end").Merge("C20:XFD9000");
        Assert.Equal(98m, new PerfEval.Grading.Grader().Grade(EvaluationWorkbook.Read(new MemoryStream(x.Build()), "far.xlsx")).Total);
    }

    [Fact]
    public void Too_many_merged_rows()
    {
        var x = Small().Set(5_000, 1, "end");
        for (var i = 0; i < 250; i++)
        {
            x.Merge($"{Xlsx.Ref(10, 20 + i)}:{Xlsx.Ref(5_000, 20 + i)}");   // 250 × 4 991 row spans > 1 000 000
        }

        var e = Fails(x.Build());
        Assert.Equal("TooManyMerges", e.Problems[0].Code);
        // 200 ranges make 998 200 spans; the 201st (column 20 + 200 = 220, HL) passes 1 000 000.
        Assert.Equal("Sheet1!HL10:HL5000", e.Cell);
    }

    [Fact]
    public void A_sheet_that_is_not_there()
    {
        var e = Fails(Small().Build(), new ExcelReadOptions { SheetName = "附表1" });
        Assert.Equal("SheetNotFound", e.Problems[0].Code);
        Assert.Contains("Sheet1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The start of an OLE compound file ([MS-CFB]): the 512-byte header with its signature D0 CF 11 E0 A1 B1 1A E1,
    /// then one directory sector whose 128-byte entries carry the stream names (UTF-16LE) — a .xls names
    /// Workbook, an encrypted .xlsx EncryptionInfo and EncryptedPackage. Enough of the format for the check, not a full file.
    /// </summary>
    private static byte[] CompoundFile(params string[] streams)
    {
        var bytes = new byte[512 * 2];
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(bytes, 0);
        bytes[0x1A] = 0x3E; // minor version
        bytes[0x1C] = 0xFE; // byte order FFFE
        bytes[0x1D] = 0xFF;
        bytes[0x1E] = 9;    // 512-byte sectors
        var names = new[] { "Root Entry" }.Concat(streams).ToArray();
        for (var i = 0; i < names.Length && i < 4; i++)
        {
            var name = Encoding.Unicode.GetBytes(names[i] + "\0");
            name.CopyTo(bytes, 512 + (i * 128));
            bytes[512 + (i * 128) + 0x40] = (byte)name.Length;
            bytes[512 + (i * 128) + 0x42] = (byte)(i == 0 ? 5 : 2); // root storage, then streams
        }

        return bytes;
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }

        return stream.ToArray();
    }
}
