// Grades a seed example through the packed packages as a consumer would: AddPerfEval in a real ServiceProvider.
// Usage: PackageSmoke <evaluation.json> <expected package version>. Prints one "PASS"/"FAIL" line per check;
// exits 1 when any check fails.
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PerfEval.Extensions.DependencyInjection;
using PerfEval.Grading;
using PerfEval.Serialization;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: PackageSmoke <evaluation.json> <expected package version>");
    return 2;
}

var failed = 0;
void Check(string what, bool ok, string detail)
{
    Console.WriteLine($"{(ok ? "PASS" : "FAIL")} {what}: {detail}");
    if (!ok)
    {
        failed++;
    }
}

// The assemblies loaded are the packed ones, not a stale cache's: their informational version is the one packed.
foreach (var assembly in new[] { typeof(Grader).Assembly, typeof(PerfEvalServiceCollectionExtensions).Assembly })
{
    var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
    Check($"{assembly.GetName().Name} version", version == args[1] || version.StartsWith(args[1] + "+", StringComparison.Ordinal), version);
}

var services = new ServiceCollection();
services.AddPerfEval();
using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
var grader = provider.GetRequiredService<IGrader>();
var result = grader.Grade(EvaluationFile.Load(args[0]));

// The report's own scores add up to 96.6 (18 + 30 + 19.6 + 29) and grade 优秀 (README, docs/examples).
Check("total", result.Total == 96.6m, result.Total.ToString(CultureInfo.InvariantCulture));
Check("grade", result.Grade.Name == "优秀", result.Grade.Name);
return failed == 0 ? 0 : 1;
