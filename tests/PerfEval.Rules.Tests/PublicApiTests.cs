using System.Reflection;

namespace PerfEval.Rules.Tests;

/// <summary>
/// Snapshot of the engine's public surface outside the fluent DSL (PerfEval.Rules, .RuleModel,
/// .Events). A change here is an API change: update PublicApiSnapshot.cs on purpose (set
/// PERFEVAL_DUMP_API to a file path to write the current surface).
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string[] Namespaces = { "PerfEval.Rules", "PerfEval.Rules.RuleModel", "PerfEval.Rules.Events" };

    internal static IEnumerable<string> Surface()
    {
        var assembly = typeof(RuleCompiler).Assembly;
        foreach (var type in assembly.GetExportedTypes().Where(t => Namespaces.Contains(t.Namespace)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
            yield return kind + " " + type.FullName;
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } and not FieldInfo { IsSpecialName: true })
                .Select(m => "  " + Describe(m))
                .OrderBy(m => m, StringComparer.Ordinal);
            foreach (var m in members)
            {
                yield return m;
            }
        }
    }

    private static string Describe(MemberInfo m) => m switch
    {
        MethodInfo mi => (mi.IsStatic ? "static " : string.Empty) + Name(mi.ReturnType) + " " + mi.Name + "(" + string.Join(", ", mi.GetParameters().Select(p => Name(p.ParameterType))) + ")",
        ConstructorInfo ci => "ctor(" + string.Join(", ", ci.GetParameters().Select(p => Name(p.ParameterType))) + ")",
        PropertyInfo pi => Name(pi.PropertyType) + " " + pi.Name + (pi.CanWrite && pi.SetMethod!.IsPublic ? " { get; set; }" : " { get; }"),
        EventInfo ei => "event " + Name(ei.EventHandlerType!) + " " + ei.Name,
        FieldInfo fi => (fi.IsLiteral ? "const " : fi.IsStatic ? "static " : string.Empty) + Name(fi.FieldType) + " " + fi.Name,
        _ => m.MemberType + " " + m.Name,
    };

    private static string Name(Type t) => t.IsGenericType
        ? t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">"
        : t.Name;

    [Fact]
    public void Public_surface_matches_the_snapshot()
    {
        var actual = Surface().ToArray();
        var dump = Environment.GetEnvironmentVariable("PERFEVAL_DUMP_API");
        if (!string.IsNullOrEmpty(dump))
        {
            File.WriteAllLines(dump, actual);
        }

        Assert.Equal(PublicApiSnapshot.Lines, actual);
    }

    [Fact]
    public void Public_classes_are_sealed_abstract_or_static()
    {
        var open = typeof(RuleCompiler).Assembly.GetExportedTypes()
            .Where(t => Namespaces.Contains(t.Namespace) && t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(open);
    }
}
