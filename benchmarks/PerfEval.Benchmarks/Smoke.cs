using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace PerfEval.Benchmarks;

/// <summary>Calls every benchmark method once with the first value of each parameter: a check that the workloads run and what they return.</summary>
internal static class Smoke
{
    public static void Run()
    {
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ShortInProcessAttribute>() is not null))
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var p in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null))
            {
                p.SetValue(instance, p.GetCustomAttribute<ParamsAttribute>()!.Values[0]);
            }

            var sw = Stopwatch.StartNew();
            foreach (var m in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null)) m.Invoke(instance, null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type.Name} setup {sw.ElapsedMilliseconds} ms"));
            foreach (var m in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                foreach (var s in type.GetMethods().Where(s => s.GetCustomAttribute<IterationSetupAttribute>() is { } a && (a.Targets is null || a.Targets.Length == 0 || a.Targets.Contains(m.Name))))
                {
                    s.Invoke(instance, null);
                }

                sw.Restart();
                var result = m.Invoke(instance, null);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Name} = {Show(result)} in {sw.Elapsed.TotalMilliseconds:F2} ms"));
            }
        }
    }

    private static string Show(object? result) => result switch
    {
        PerfEval.Grading.GradingResult g => string.Create(CultureInfo.InvariantCulture, $"total {g.Total}, grade {g.Grade.Name}, {g.Indicators.Length} indicators"),
        null => "null",
        _ => Convert.ToString(result, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
