using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfEval.Excel;

/// <summary>Problems whose messages start with the cell they concern.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class Problems
{
    public static Problem Make(string code, string? cell, string zh, string en, string? text = null, string? indicatorPath = null) =>
        new(code, indicatorPath, cell is null ? zh : $"{cell}：{zh}", cell is null ? en : $"{cell}: {en}", text);

    /// <summary>Text at fault as a message quotes it: cut after 60 characters (the problem's Text keeps it whole).</summary>
    public static string Quote(string text) => text.Length > 60 ? text[..60] + "…" : text;

    public static WorkbookException Error(string? file, string? cell, string code, string zh, string en, string? text = null, string? indicatorPath = null, Exception? inner = null) =>
        new(file, cell, [Make(code, cell, zh, en, text, indicatorPath)], inner);
}

/// <summary>Reads a workbook's bytes and opens them, turning every way a file can fail into a <see cref="WorkbookException"/>.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class WorkbookFile
{
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static byte[] ReadAll(string path, ExcelReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadAll(stream, path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problems.Error(path, null, "FileUnreadable", $"无法读取文件：{e.Message}", $"Cannot read the file: {e.Message}", inner: e);
        }
    }

    public static byte[] ReadAll(Stream stream, string? file, ExcelReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var max = options.MaxFileBytes;
        if (stream.CanSeek && stream.Length - stream.Position > max)
        {
            throw TooLarge(file, stream.Length - stream.Position, max);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max)
            {
                throw TooLarge(file, buffer.Length, max);
            }
        }

        return buffer.ToArray();
    }

    private static WorkbookException TooLarge(string? file, long length, long max) =>
        Problems.Error(file, null, "FileTooLarge", $"文件过大：{length} 字节，上限 {max} 字节", $"The file is too large: {length} bytes, limit {max}");

    /// <summary>Opens the bytes as a spreadsheet; <paramref name="editable"/> opens a copy the caller may change and save.</summary>
    public static (SpreadsheetDocument Document, MemoryStream Stream) Open(byte[] bytes, string? file, bool editable)
    {
        Check(bytes, file);
        var stream = new MemoryStream();
        stream.Write(bytes);
        stream.Position = 0;
        try
        {
            var doc = SpreadsheetDocument.Open(stream, editable, new OpenSettings { AutoSave = false });
            if (doc.WorkbookPart?.Workbook?.Sheets is null)
            {
                doc.Dispose();
                throw Corrupt(file, "没有工作簿内容（xl/workbook.xml）", "it has no workbook part (xl/workbook.xml)", null);
            }

            return (doc, stream);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FileFormatException or IOException or InvalidOperationException or ArgumentException)
        {
            stream.Dispose();
            throw Corrupt(file, e.Message, e.Message, e);
        }
    }

    public static WorkbookException Corrupt(string? file, string zh, string en, Exception? inner) =>
        Problems.Error(file, null, "CorruptWorkbook", $"文件已损坏或不是 .xlsx 工作簿：{zh}", $"The file is corrupt or not an .xlsx workbook: {en}", inner: inner);

    private static void Check(byte[] bytes, string? file)
    {
        if (bytes.Length == 0)
        {
            throw Corrupt(file, "文件为空", "the file is empty", null);
        }

        if (bytes.AsSpan().StartsWith(Ole))
        {
            // An OLE compound file is either an old binary workbook or an encrypted OOXML package (Office's password
            // protection wraps the .xlsx in EncryptionInfo and EncryptedPackage streams).
            if (Contains(bytes, "EncryptedPackage") || Contains(bytes, "EncryptionInfo"))
            {
                throw Problems.Error(file, null, "PasswordProtected",
                    "工作簿设有打开密码（已加密），无法读取：请在 Excel 中取消密码后另存为 .xlsx",
                    "The workbook is password-protected (encrypted) and cannot be read: remove the password in Excel and save it as .xlsx");
            }

            throw Problems.Error(file, null, "OldXlsFormat",
                "这是旧版 Excel 97-2003 工作簿（.xls，OLE 二进制格式），不受支持：请在 Excel 中另存为 .xlsx",
                "This is an old Excel 97-2003 workbook (.xls, OLE binary), which is not supported: save it as .xlsx in Excel");
        }

        if (bytes.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
        {
            throw Corrupt(file, "没有 ZIP 文件头（.xlsx 是 ZIP 压缩包）", "it has no ZIP signature (an .xlsx is a ZIP package)", null);
        }
    }

    private static bool Contains(byte[] bytes, string name) => bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;

    /// <summary>The shared strings, read one item at a time.</summary>
    public static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return list;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                list.Add(Grid.ItemText(reader.LoadCurrentElement()!));
            }
        }

        return list;
    }

    /// <summary>The sheets in workbook order with their parts (chart sheets and broken links skipped).</summary>
    public static IEnumerable<(string Name, WorksheetPart Part)> Sheets(WorkbookPart workbook)
    {
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            if (sheet.Id?.Value is { } id && sheet.Name?.Value is { } name
                && workbook.TryGetPartById(id, out var part) && part is WorksheetPart ws)
            {
                yield return (name, ws);
            }
        }
    }
}
