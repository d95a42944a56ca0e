using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PerfEval.Web.Tests;

/// <summary>
/// Issue 12 §3: the upload page as a person uses it — headless Debian chromium (installed by .ci/run) on 127.0.0.1
/// opens <c>/</c> on a real Kestrel server, the Hunan seed is chosen in the file input, the form submitted, and
/// the page shows the total and grade. Driven through the DevTools protocol over a WebSocket; every wait is bounded.
/// </summary>
public sealed class UploadPageBrowserTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Choosing_the_Hunan_seed_shows_96_6_and_its_grade()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var ct = timeout.Token;
        await using var factory = new WebApplicationFactory<Program>();
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var site = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", site, StringComparison.Ordinal);

        using var browser = await Chromium.Start(ct);
        await using var page = await browser.OpenPage(ct);
        await page.Send("Page.navigate", new { url = site + "/" }, ct);
        await page.WaitFor("document.readyState === 'complete' && !!document.getElementById('file')", ct);

        var document = await page.Send("DOM.getDocument", new { }, ct);
        var input = await page.Send("DOM.querySelector", new { nodeId = document.GetProperty("root").GetProperty("nodeId").GetInt32(), selector = "#file" }, ct);
        await page.Send("DOM.setFileInputFiles", new { files = new[] { Repo.Hunan }, nodeId = input.GetProperty("nodeId").GetInt32() }, ct);
        await page.Evaluate("document.querySelector('button[type=submit]').click()", ct);
        await page.WaitFor("!document.getElementById('result').hidden || document.getElementById('error').textContent !== ''", ct);

        Assert.Equal("", await page.Evaluate("document.getElementById('error').textContent", ct));
        // The README: the report's scores add up to 96.6, 优秀; its scorecard lists 16 findings.
        Assert.Equal("96.6", await page.Evaluate("document.getElementById('total').textContent", ct));
        Assert.Equal("优秀 (Excellent)", await page.Evaluate("document.getElementById('grade').textContent", ct));
        Assert.Equal("16", await page.Evaluate("document.getElementById('count').textContent", ct));
        Assert.Equal("18 + 30 + 19.6 + 29 = 96.60", await page.Evaluate("document.getElementById('arithmetic').textContent", ct));
    }

    /// <summary>A headless chromium with its DevTools endpoint on 127.0.0.1, ended (with its children) on dispose.</summary>
    private sealed class Chromium : IDisposable
    {
        private readonly Process _process;
        private readonly string _profile;
        private readonly Uri _http;

        private Chromium(Process process, string profile, Uri http)
        {
            _process = process;
            _profile = profile;
            _http = http;
        }

        public static async Task<Chromium> Start(CancellationToken ct)
        {
            var profile = Directory.CreateTempSubdirectory("perfeval-chromium-").FullName;
            var start = new ProcessStartInfo("chromium")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" })
            {
                start.ArgumentList.Add(arg);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("This test needs Debian's chromium (apt-get install chromium); .ci/run installs it.", e);
            }

            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            while (true)
            {
                var line = await process.StandardError.ReadLineAsync(ct) ?? throw new InvalidOperationException("chromium exited before its DevTools endpoint was up");
                const string marker = "DevTools listening on ";
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var ws = new Uri(line[(at + marker.Length)..].Trim());
                    _ = DrainAsync(process.StandardError);
                    return new Chromium(process, profile, new Uri($"http://{ws.Authority}/"));
                }
            }
        }

        private static async Task DrainAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }

        public async Task<Page> OpenPage(CancellationToken ct)
        {
            using var http = new HttpClient { BaseAddress = _http };
            var targets = JsonDocument.Parse(await http.GetStringAsync("json/list", ct)).RootElement;
            var target = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(target.GetProperty("webSocketDebuggerUrl").GetString()!), ct);
            return new Page(socket);
        }

        public void Dispose()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // chromium may still hold a file for a moment; the temp folder is the system's to clean
            }
        }
    }

    /// <summary>One page target: DevTools commands sent and their answers read (events skipped).</summary>
    private sealed class Page(ClientWebSocket socket) : IAsyncDisposable
    {
        private int _id;

        public async Task<JsonElement> Send(string method, object parameters, CancellationToken ct)
        {
            var id = ++_id;
            var request = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["id"] = id, ["method"] = method, ["params"] = parameters });
            await socket.SendAsync(request, WebSocketMessageType.Text, true, ct);
            var buffer = new byte[1 << 16];
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, ct);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);

                var answer = JsonDocument.Parse(message.ToArray()).RootElement;
                if (!answer.TryGetProperty("id", out var answered) || answered.GetInt32() != id)
                {
                    continue;   // an event, or an older answer
                }

                if (answer.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"{method}: {error}");
                }

                return answer.GetProperty("result").Clone();
            }
        }

        public async Task<string?> Evaluate(string expression, CancellationToken ct)
        {
            var result = await Send("Runtime.evaluate", new { expression, returnByValue = true }, ct);
            var value = result.GetProperty("result");
            return value.TryGetProperty("value", out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;
        }

        public async Task WaitFor(string condition, CancellationToken ct)
        {
            while (await Evaluate($"Boolean({condition})", ct) != "True")
            {
                await Task.Delay(100, ct);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }

            socket.Dispose();
        }
    }
}
