using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PerfEval;
using PerfEval.Extensions.DependencyInjection;
using PerfEval.Schemes;
using PerfEval.Web;

var builder = WebApplication.CreateBuilder(args);

// PerfEval from configuration ("PerfEval": { "IncludeBuiltInSchemes", "SchemeFiles" }), validated at start-up.
builder.Services.AddPerfEval(builder.Configuration.GetSection("PerfEval"));

// Bounded input: a request body of at most 4 MiB (the batch endpoint allows more), JSON nested at most 32 deep.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Limits.RequestBytes);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<CatalogHealthCheck>("schemes");

// PerfEval's meter and activity source, through OpenTelemetry; printed to the console with Telemetry:Console=true.
var console = builder.Configuration.GetValue<bool>("Telemetry:Console");
builder.Services.AddOpenTelemetry()
    .WithMetrics(m =>
    {
        m.AddMeter(PerfEvalTelemetry.MeterName);
        if (console) m.AddConsoleExporter();
    })
    .WithTracing(t =>
    {
        // The request span, so PerfEval's perfeval.grade and perfeval.batch spans have a sampled parent.
        t.AddAspNetCoreInstrumentation();
        t.AddSource(PerfEvalTelemetry.ActivitySourceName);
        if (console) t.AddConsoleExporter();
    });

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapHealthChecks("/health");

app.MapPost("/api/grade", Endpoints.Grade)
    .Accepts<object>("application/json", "multipart/form-data")
    .DisableAntiforgery()
    .Produces(StatusCodes.Status200OK, contentType: "application/json")
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .WithSummary("Grades one evaluation (perfeval/evaluation@1 as the body, or a .json or .xlsx 自评表 upload) and returns the result file (perfeval/result@1).");

app.MapPost("/api/scorecard", Endpoints.Scorecard)
    .Accepts<object>("application/json", "multipart/form-data")
    .Produces(StatusCodes.Status200OK, contentType: "text/html")
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .DisableAntiforgery()
    .WithSummary("Grades one evaluation (JSON body, or a .json or .xlsx upload) and returns the self-contained HTML scorecard page.");

app.MapPost("/api/grade/batch", Endpoints.GradeBatch)
    .WithMetadata(new RequestSizeLimitAttribute(Limits.BatchBytes))
    .Accepts<object>("application/x-ndjson")
    .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
    .WithSummary("Grades a JSON Lines batch, streamed: one result or error record per input line, in order.");

app.MapGet("/api/schemes", (SchemeCatalog catalog) =>
        catalog.Schemes.Select(s => new SchemeInfo(s.Id, s.Name, s.Region)))
    .WithSummary("The schemes evaluations can name.");

app.Run();

/// <summary>The sample's entry point, public for WebApplicationFactory.</summary>
public partial class Program;
