using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PerfEval.Web.Tests;

/// <summary>Issue 12 §3: the sample host's API over an in-memory server — good input, bad input, concurrency, batches.</summary>
public sealed class ApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string OneLine(string path) => JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(path)).RootElement);

    private async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_Hunan_seed_grades_96_6_excellent()
    {
        using var response = await _client.PostAsync("/api/grade", Json(File.ReadAllText(Repo.Hunan)));

        response.EnsureSuccessStatusCode();
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("perfeval/result@1", result.GetProperty("format").GetString());
        Assert.Equal(96.6m, result.GetProperty("total").GetDecimal());   // the README: 18 + 30 + 19.6 + 29
        Assert.Equal("优秀", result.GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Text_that_is_not_json_is_a_400_naming_the_line()
    {
        using var response = await _client.PostAsync("/api/grade", Json("{ \"format\": \"perfeval/evaluation@1\",\n  oops }"));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var first = problem.GetProperty("problems")[0];
        Assert.Equal(2, first.GetProperty("line").GetInt64());
        Assert.StartsWith("request.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_in_quotes_is_a_400_naming_the_json_path_and_the_text()
    {
        var text = File.ReadAllText(Repo.Hunan);
        var quoted = System.Text.RegularExpressions.Regex.Replace(text, "\"weight\": (\\d+)", "\"weight\": \"$1\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.NotEqual(text, quoted);

        using var response = await _client.PostAsync("/api/grade", Json(quoted));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var first = problem.GetProperty("problems")[0];
        Assert.Equal("NumberInQuotes", first.GetProperty("code").GetString());
        Assert.StartsWith("$.indicators[0]", first.GetProperty("jsonPath").GetString(), StringComparison.Ordinal);
        Assert.Equal("\"20\"", first.GetProperty("text").GetString());   // 投入 weighs 20 in the report, as written there
    }

    [Fact]
    public async Task An_unknown_scheme_is_a_400_at_dollar_scheme()
    {
        var text = File.ReadAllText(Repo.Hunan).Replace("\"scheme\": \"hunan-2020\"", "\"scheme\": \"mars-2099\"", StringComparison.Ordinal);

        using var response = await _client.PostAsync("/api/grade", Json(text));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var first = problem.GetProperty("problems")[0];
        Assert.Equal("UnknownScheme", first.GetProperty("code").GetString());
        Assert.Equal("$.scheme", first.GetProperty("jsonPath").GetString());
    }

    [Fact]
    public async Task Nesting_deeper_than_32_is_a_400_not_a_crash()
    {
        var deep = "{ \"format\": \"perfeval/evaluation@1\", \"x\": " + new string('[', 40) + new string(']', 40) + " }";

        using var response = await _client.PostAsync("/api/grade", Json(deep));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.NotEqual(0, problem.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task A_body_over_4_MiB_is_refused_not_read()
    {
        var big = "{ \"format\": \"perfeval/evaluation@1\", \"pad\": \"" + new string('x', 5 * 1024 * 1024) + "\" }";

        using var response = await _client.PostAsync("/api/grade", Json(big));

        // Kestrel's 4 MiB limit stops the read on a real server (measured: a 400 whose problem quotes "The max request
        // body size is 4194304 bytes"); the in-memory server has no such limit, and PerfEval's own 4 MiB limit
        // answers the same way. Either way a 400 naming the limit, not a 500, and nothing graded.
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("4194304", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        using var response = await _client.PostAsync("/api/grade", Json(""));

        await Problem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_give_fifty_correct_results()
    {
        // Hunan 96.6 优秀 (README); Hebei 98 优秀 (its report's table: 8 of 10 for 受益对象满意度, the rest full).
        var hunan = File.ReadAllText(Repo.Hunan);
        var hebei = File.ReadAllText(Repo.Hebei);
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await _client.PostAsync("/api/grade", Json(i % 2 == 0 ? hunan : hebei));
            response.EnsureSuccessStatusCode();
            var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (i, Total: result.GetProperty("total").GetDecimal(), Project: result.GetProperty("project").GetProperty("id").GetString());
        }).ToList();

        var results = await Task.WhenAll(requests);

        Assert.Equal(50, results.Length);
        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 ? 96.6m : 98m, r.Total));
        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 ? "seed-hunan-zhijiang-2020" : "seed-hebei-changan-2019", r.Project));
    }

    [Fact]
    public async Task A_batch_streams_one_record_per_line_in_order()
    {
        var one = OneLine(Repo.Hunan);
        var two = OneLine(Repo.Hebei);
        using var content = new StringContent($"{one}\n{{ not json\n{two}\n", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        using var response = await _client.PostAsync("/api/grade/batch", content);

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("96.6", lines[0], StringComparison.Ordinal);
        Assert.Contains("error", lines[1], StringComparison.Ordinal);
        Assert.Contains("seed-hebei-changan-2019", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schemes_are_the_seven_built_in_ones()
    {
        var schemes = JsonDocument.Parse(await _client.GetStringAsync("/api/schemes")).RootElement;

        Assert.Equal(
            ["framework-2013", "guangdong-2021", "hainan-2021", "hebei-shijiazhuang-2019", "hunan-2020", "national-2020", "sichuan-2021"],
            schemes.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Health_is_healthy()
    {
        using var response = await _client.GetAsync("/health");

        response.EnsureSuccessStatusCode();
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/grade", paths);
        Assert.Contains("/api/grade/batch", paths);
        Assert.Contains("/api/schemes", paths);
    }

    [Fact]
    public async Task The_upload_page_is_served_at_the_root()
    {
        var html = await _client.GetStringAsync("/");

        Assert.Contains("<input type=\"file\"", html, StringComparison.Ordinal);
        Assert.Contains("fetch(\"/api/grade\"", html, StringComparison.Ordinal);
    }
}

/// <summary>Uploads as the page sends them: a .json or .xlsx file in a multipart form; and the HTML scorecard.</summary>
public sealed class UploadTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Fixture(string name) => Path.Combine(Repo.Root, "tests", "PerfEval.Excel.Tests", "Fixtures", name);

    private static MultipartFormDataContent Upload(string path)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        return form;
    }

    [Fact]
    public async Task An_uploaded_workbook_grades_as_its_json_transcription()
    {
        using var response = await _client.PostAsync("/api/grade", Upload(Fixture("hebei-saved-by-libreoffice.xlsx")));

        response.EnsureSuccessStatusCode();
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // DOMAIN.md: the Hebei table grades to 98, 优秀.
        Assert.Equal(98m, result.GetProperty("total").GetDecimal());
        Assert.Equal("优秀", result.GetProperty("grade").GetString());
    }

    [Fact]
    public async Task An_uploaded_json_file_grades_and_an_old_xls_is_a_400_naming_the_format()
    {
        using var json = await _client.PostAsync("/api/grade", Upload(Repo.Hunan));
        using var xls = await _client.PostAsync("/api/grade", Upload(Fixture("hebei-saved-by-libreoffice.xls")));

        json.EnsureSuccessStatusCode();
        Assert.Equal(96.6m, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, xls.StatusCode);
        var problem = JsonDocument.Parse(await xls.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("OldXlsFormat", problem.GetProperty("problems")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_scorecard_endpoint_returns_the_html_page()
    {
        using var response = await _client.PostAsync("/api/scorecard", Upload(Repo.Hunan));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("96.60", html, StringComparison.Ordinal);
        Assert.Contains("ReportedTotalMismatch", html, StringComparison.Ordinal);
    }
}
