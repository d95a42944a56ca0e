using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Extensions.DependencyInjection.Tests;

/// <summary>Issue 12 §1: <see cref="PerfEvalOptions"/> through the options pattern: configuration, validation at start-up, logging.</summary>
public sealed class PerfEvalOptionsTests : IDisposable
{
    /// <summary>A standalone scheme (extends nothing) with the national frame and its own grades.</summary>
    private const string Standalone = PerfEvalServiceCollectionExtensionsTests.StandaloneScheme;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static HostApplicationBuilder NewHost() => new(new HostApplicationBuilderSettings { DisableDefaults = true });

    [Fact]
    public void The_options_bind_from_a_configuration_section()
    {
        var file = _dir.File("standalone.json", Standalone);
        var configuration = Configuration(("PerfEval:IncludeBuiltInSchemes", "false"), ("PerfEval:SchemeFiles:0", file));
        var services = new ServiceCollection().AddPerfEval(configuration.GetSection("PerfEval"));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var options = provider.GetRequiredService<IOptions<PerfEvalOptions>>().Value;

        Assert.False(options.IncludeBuiltInSchemes);
        Assert.Equal([file], options.SchemeFiles);
        Assert.Equal(["standalone-2024"], provider.GetRequiredService<SchemeCatalog>().Schemes.Select(s => s.Id));
        // The Hebei seed by this file's frame: 98 (产出 and 效益 weigh 40 each in the report too), A from 95.
        var result = provider.GetRequiredService<IGrader>().Grade(EvaluationFile.Load(Repo.Hebei), provider.GetRequiredService<SchemeCatalog>().Get("standalone-2024"));
        Assert.Equal(98m, result.Total);
        Assert.Equal("A", result.Grade.Name);
    }

    [Fact]
    public void Configuration_and_code_both_apply_in_that_order()
    {
        var file = _dir.File("standalone.json", Standalone);
        var configuration = Configuration(("PerfEval:SchemeFiles:0", file));
        var services = new ServiceCollection().AddPerfEval(configuration.GetSection("PerfEval"), o => o.IncludeBuiltInSchemes = false);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["standalone-2024"], provider.GetRequiredService<SchemeCatalog>().Schemes.Select(s => s.Id));
        Assert.Equal([file], provider.GetRequiredService<PerfEvalOptions>().SchemeFiles);
    }

    [Fact]
    public void A_misspelt_configuration_key_is_an_error_not_ignored()
    {
        var configuration = Configuration(("PerfEval:SchemeFile:0", "x.json"));   // SchemeFiles
        using var provider = new ServiceCollection().AddPerfEval(configuration.GetSection("PerfEval")).BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<PerfEvalOptions>>().Value);

        Assert.Contains("SchemeFile", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_fails_with_one_exception_listing_every_problem()
    {
        var missing = Path.Combine(_dir.Path, "missing.json");
        var bad = _dir.File("bad.json", Standalone.Replace("\"weight\": 40 }", "\"weight\": \"40\" }", StringComparison.Ordinal));
        var first = _dir.File("first.json", Standalone);
        var again = _dir.File("again.json", Standalone);   // the same id a second time
        var orphan = _dir.File("orphan.json", """{ "format": "perfeval/scheme@1", "id": "orphan-2024", "extends": "no-such-scheme", "name": "孤儿" }""");
        var builder = NewHost();
        builder.Services.AddPerfEval(o =>
        {
            foreach (var f in new[] { missing, bad, first, again, orphan }) o.SchemeFiles.Add(f);
        });
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(PerfEvalOptions), e.OptionsType);
        var failures = e.Failures.ToList();
        Assert.Equal(4, failures.Count);
        Assert.StartsWith(missing + ": $ FileUnreadable: ", failures[0], StringComparison.Ordinal);
        Assert.StartsWith(bad + ":8: $.frame[1].weight NumberInQuotes: ", failures[1], StringComparison.Ordinal);
        Assert.Equal(again + ": $.id DuplicateScheme: the scheme id \"standalone-2024\" is already defined by " + first, failures[2]);
        Assert.StartsWith(orphan + ":1: $.extends UnknownParent: ", failures[3], StringComparison.Ordinal);
        Assert.Contains("no-such-scheme", failures[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheme_extending_a_failed_one_is_not_reported_twice()
    {
        var parent = _dir.File("parent.json", Standalone.Replace("\"min\": 0", "\"min\": 10", StringComparison.Ordinal));   // bands leave 0…10 uncovered
        var child = _dir.File("child.json", """{ "format": "perfeval/scheme@1", "id": "child-2024", "extends": "standalone-2024", "name": "子方案" }""");
        using var provider = new ServiceCollection().AddPerfEval(o =>
        {
            o.SchemeFiles.Add(child);
            o.SchemeFiles.Add(parent);
        }).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PerfEvalOptions>>().Value);

        Assert.All(e.Failures, f => Assert.StartsWith(parent, f, StringComparison.Ordinal));
        Assert.NotEmpty(e.Failures);
    }

    [Fact]
    public async Task A_good_configuration_starts_and_the_grader_logs_to_the_hosts_logging()
    {
        var builder = NewHost();
        var provider = new CapturingProvider();
        builder.Logging.AddProvider(provider);
        builder.Services.AddPerfEval(Configuration(("PerfEval:IncludeBuiltInSchemes", "true")).GetSection("PerfEval"));
        using var host = builder.Build();

        await host.StartAsync();
        var result = host.Services.GetRequiredService<IGrader>().Grade(EvaluationFile.Load(Repo.Hunan));
        await host.StopAsync();

        Assert.Equal(96.6m, result.Total);
        var compiled = Assert.Single(provider.Entries, e => e.Category == typeof(Grader).FullName && e.Id.Name == "SchemeCompiled");
        Assert.Equal(LogLevel.Information, compiled.Level);
        Assert.StartsWith("Scheme hunan-2020 compiled: ", compiled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_resolved_directly_are_the_configured_ones()
    {
        var file = _dir.File("standalone.json", Standalone);
        using var provider = new ServiceCollection().AddPerfEval(o => o.SchemeFiles.Add(file)).BuildServiceProvider();

        Assert.Equal(provider.GetRequiredService<IOptions<PerfEvalOptions>>().Value.SchemeFiles, provider.GetRequiredService<PerfEvalOptions>().SchemeFiles);
        Assert.Equal(8, provider.GetRequiredService<SchemeCatalog>().Count);   // seven built in and the file's
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
