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
            var evaluation = await EvaluationFile.LoadAsync(request.Body, "request.json", Limits.Json, cancellationToken);
            var result = grader.Grade(evaluation);
            return Results.Stream(body => ResultFile.WriteAsync(body, result, cancellationToken: cancellationToken), "application/json");
        }
        catch (PerfEvalException e)
        {
            return Problem(e);
        }
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
        var (status, title) = e is GradingException
            ? (StatusCodes.Status422UnprocessableEntity, "The evaluation could not be graded")
            : (StatusCodes.Status400BadRequest, "The evaluation could not be read");
        return Results.Problem(e.Message, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["problems"] = problems });
    }
}
