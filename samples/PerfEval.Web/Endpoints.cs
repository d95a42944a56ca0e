using System.Text;
using PerfEval.Grading;
using PerfEval.Serialization;

namespace PerfEval.Web;

/// <summary>The size limits of the API.</summary>
internal static class Limits
{
    /// <summary>One evaluation: 4 MiB.</summary>
    public const long RequestBytes = 4L * 1024 * 1024;

    /// <summary>A batch: 256 MiB (each record is still held to <see cref="Json"/>).</summary>
    public const long BatchBytes = 256L * 1024 * 1024;

    /// <summary>How one evaluation or batch record is read: at most 4 MiB, nested at most 32 deep.</summary>
    public static readonly JsonFileOptions Json = new() { MaxBytes = RequestBytes, MaxDepth = 32 };
}

/// <summary>A scheme as <c>GET /api/schemes</c> lists it.</summary>
internal sealed record SchemeInfo(string Id, string Name, string? Region);

/// <summary>The API's handlers. Bad input is a 400 problem naming the JSON path, line and text, never a 500.</summary>
internal static class Endpoints
{
    public static async Task<IResult> Grade(HttpRequest request, IGrader grader, CancellationToken cancellationToken)
    {
        try
        {
            var result = grader.Grade(await ReadAsync(request, cancellationToken));
            return Results.Stream(body => ResultFile.WriteAsync(body, result, cancellationToken: cancellationToken), "application/json");
        }
        catch (PerfEvalException e)
        {
            return Problem(e);
        }
    }

    /// <summary>The same input as <see cref="Grade"/>, answered with the self-contained HTML scorecard page.</summary>
    public static async Task<IResult> Scorecard(HttpRequest request, IGrader grader, CancellationToken cancellationToken)
    {
        try
        {
            var result = grader.Grade(await ReadAsync(request, cancellationToken));
            return Results.Text(Html.ScorecardPage.Render(result), "text/html; charset=utf-8", Encoding.UTF8);
        }
        catch (PerfEvalException e)
        {
            return Problem(e);
        }
    }

    /// <summary>
    /// An evaluation JSON body, or a multipart upload of one file: a .json evaluation or a .xlsx 自评表 workbook
    /// (PerfEval.Excel). Bad input is a <see cref="PerfEvalException"/> naming the place.
    /// </summary>
    private static async Task<Model.ProjectEvaluation> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return await EvaluationFile.LoadAsync(request.Body, "request.json", Limits.Json, cancellationToken);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.Count != 1)
        {
            throw new EvaluationException("request", [new Problem("MissingField", null, "请上传一个文件（.json 或 .xlsx）", "Upload one file (.json or .xlsx)")]);
        }

        var file = form.Files[0];
        var name = Path.GetFileName(file.FileName);
        await using var upload = file.OpenReadStream();
        if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xls", StringComparison.OrdinalIgnoreCase))
        {
            // The Open XML reader needs a seekable stream, and no synchronous read of the request.
            using var copy = new MemoryStream();
            await upload.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            return Excel.EvaluationWorkbook.Read(copy, name, new Excel.ExcelReadOptions { MaxFileBytes = Limits.RequestBytes });
        }

        return await EvaluationFile.LoadAsync(upload, name, Limits.Json, cancellationToken);
    }

    public static async Task GradeBatch(HttpContext context, Grader grader, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/x-ndjson";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
        var options = new BatchOptions { Json = Limits.Json, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) };
        await foreach (var record in grader.GradeAllAsync(context.Request.Body, options, "request.jsonl", cancellationToken))
        {
            await writer.WriteLineAsync(ResultFile.ToJsonLine(record).AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);   // streamed: each record leaves as soon as it is graded
        }
    }

    /// <summary>RFC 7807 problem details: the exception's message, and each problem with its place.</summary>
    internal static IResult Problem(PerfEvalException e)
    {
        var problems = e.Problems.Select(p => new Dictionary<string, object?>
        {
            ["code"] = p.Code,
            ["jsonPath"] = p.JsonPath,
            ["line"] = p.Line,
            ["indicatorPath"] = p.IndicatorPath,
            ["text"] = p.Text,
            ["messageZh"] = p.MessageZh,
            ["messageEn"] = p.MessageEn,
        }).ToList();
        var extensions = new Dictionary<string, object?> { ["problems"] = problems };
        if (e is Excel.WorkbookException { Cell: { } cell })
        {
            extensions["cell"] = cell;
        }

        var (status, title) = e is GradingException
            ? (StatusCodes.Status422UnprocessableEntity, "The evaluation could not be graded")
            : (StatusCodes.Status400BadRequest, "The evaluation could not be read");
        return Results.Problem(e.Message, statusCode: status, title: title, extensions: extensions);
    }
}
