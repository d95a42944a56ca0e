using System.Globalization;
using Microsoft.Extensions.Options;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Extensions.DependencyInjection;

/// <summary>
/// Checks <see cref="PerfEvalOptions"/> the way the catalog will use them, but collects every problem instead of
/// stopping at the first: each scheme file that cannot be read or parsed, each id defined twice, each unknown
/// parent, each scheme that does not resolve to a valid one. One failure line per problem, naming the file, the line
/// and the JSON path.
/// </summary>
internal sealed class PerfEvalOptionsValidator : IValidateOptions<PerfEvalOptions>
{
    public ValidateOptionsResult Validate(string? name, PerfEvalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var baseCatalog = options.IncludeBuiltInSchemes ? SchemeCatalog.Default : SchemeCatalog.Empty;

        // 1. Every file on its own: unreadable, not JSON, not a scheme.
        var definitions = new List<SchemeDefinition>();
        foreach (var path in options.SchemeFiles)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add("PerfEval:SchemeFiles: an entry is empty");
                continue;
            }

            try
            {
                definitions.Add(SchemeFile.Load(path));
            }
            catch (SchemeException e)
            {
                failures.AddRange(Describe(e, path));
            }
        }

        // 2. Ids defined twice among the files: the first one stays, each repeat is a failure.
        var byId = new Dictionary<string, SchemeDefinition>(StringComparer.Ordinal);
        foreach (var d in definitions)
        {
            if (byId.TryGetValue(d.Id, out var first))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{d.File}: $.id DuplicateScheme: the scheme id \"{d.Id}\" is already defined by {first.File}"));
                continue;
            }

            byId.Add(d.Id, d);
        }

        // 3. Each scheme with the chain it extends: an unknown parent or an invalid result is that scheme's failure
        //    (a scheme extending one that already failed is not reported again).
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in byId.Values)
        {
            var chain = new List<SchemeDefinition>();
            var blocked = false;
            for (var at = d; at is not null && !chain.Contains(at); at = at.Extends is { } p && byId.TryGetValue(p, out var parent) ? parent : null)
            {
                chain.Add(at);
            }

            foreach (var c in chain.Skip(1))
            {
                blocked |= failed.Contains(c.Id);
            }

            if (blocked)
            {
                failed.Add(d.Id);
                continue;
            }

            try
            {
                baseCatalog.WithDefinitions(chain);
            }
            catch (SchemeException e)
            {
                failed.Add(d.Id);
                if (e.File == d.File || e.File is null)
                {
                    failures.AddRange(Describe(e, d.File));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Describe(SchemeException e, string? file) =>
        e.Problems.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{e.File ?? file}{(p.Line is { } line ? $":{line}" : "")}: {p.JsonPath ?? "$"} {p.Code}: {p.MessageEn}"));
}
