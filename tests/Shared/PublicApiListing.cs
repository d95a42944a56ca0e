using System.Reflection;
using System.Text;

namespace PerfEval.Testing;

/// <summary>
/// The public surface of an assembly as text, compared with an approved listing committed beside the
/// tests: a change to the API shows up as a diff to review. To approve a change, copy the
/// <c>.received.txt</c> file the failing check writes over the <c>.approved.txt</c> one.
/// Shared by every test project (linked, not copied) so one listing format serves all packages.
/// </summary>
internal static class PublicApiListing
{
    /// <summary>Fails with the added and removed lines when <paramref name="assembly"/>'s surface differs from the approved listing in <paramref name="folder"/>.</summary>
    public static void AssertMatchesApproved(Assembly assembly, string folder)
    {
        var name = assembly.GetName().Name!;
        var actual = Describe(assembly);
        var approvedPath = Path.Combine(folder, name + ".approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (string.Equals(approved, actual, StringComparison.Ordinal))
        {
            return;
        }

        File.WriteAllText(Path.Combine(folder, name + ".received.txt"), actual);
        var a = approved.Split('\n').ToHashSet(StringComparer.Ordinal);
        var b = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        Xunit.Assert.Fail($"The public API of {name} changed.\nAdded:\n  {string.Join("\n  ", b.Except(a).Take(30))}\nRemoved:\n  {string.Join("\n  ", a.Except(b).Take(30))}");
    }

    /// <summary>Public classes that are neither sealed, static nor abstract (DESIGN.md: sealed by default).</summary>
    public static IEnumerable<string> OpenClasses(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t))
            .Select(t => t.FullName!);

    public static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(Kind(type) + " " + Name(type) + Bases(type));
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            // Compiler-made members of records (<Clone>$, EqualityContract) are not API anyone writes against.
            foreach (var member in type.GetMembers(flags).Where(m => !m.Name.Contains('$', StringComparison.Ordinal) && m.Name != "EqualityContract")
                         .Select(Member).Where(m => m is not null).Order(StringComparer.Ordinal))
            {
                lines.Add("  " + member);
            }
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" :
        t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";

    private static string Bases(Type t)
    {
        var parts = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)) parts.Add(Name(b));
        parts.AddRange(t.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return parts.Count == 0 ? string.Empty : " : " + string.Join(", ", parts);
    }

    private static string? Member(MemberInfo m) => m switch
    {
        ConstructorInfo c => "ctor(" + Parameters(c.GetParameters()) + ")",
        MethodInfo mi when !mi.IsSpecialName => (mi.IsStatic ? "static " : string.Empty) + Name(mi.ReturnType) + " " + mi.Name
            + (mi.IsGenericMethod ? "<" + string.Join(", ", mi.GetGenericArguments().Select(Name)) + ">" : string.Empty)
            + "(" + Parameters(mi.GetParameters()) + ")",
        PropertyInfo p => (p.GetMethod?.IsStatic == true ? "static " : string.Empty) + Name(p.PropertyType) + " " + p.Name
            + (p.GetIndexParameters().Length > 0 ? "[" + Parameters(p.GetIndexParameters()) + "]" : string.Empty)
            + " {" + (p.GetMethod?.IsPublic == true ? " get;" : string.Empty) + (p.SetMethod?.IsPublic == true ? (IsInit(p.SetMethod) ? " init;" : " set;") : string.Empty) + " }",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsSpecialName ? null : f.Name,
        FieldInfo f => (f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty) + Name(f.FieldType) + " " + f.Name,
        EventInfo e => "event " + Name(e.EventHandlerType!) + " " + e.Name,
        Type => null,
        _ => null,
    };

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Parameters(ParameterInfo[] ps) =>
        string.Join(", ", ps.Select(p => (p.ParameterType.IsByRef ? (p.IsOut ? "out " : "ref ") : string.Empty) + Name(p.ParameterType) + " " + p.Name
            + (p.HasDefaultValue ? " = " + (p.DefaultValue?.ToString() ?? "null") : string.Empty)));

    private static string Name(Type t)
    {
        if (t.IsByRef) return Name(t.GetElementType()!);
        if (t.IsArray) return Name(t.GetElementType()!) + "[]";
        if (t.IsGenericParameter) return t.Name;
        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : t.Namespace + "." + t.Name;
        if (!t.IsGenericType) return name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var b = new StringBuilder(tick < 0 ? name : name[..tick]).Append('<');
        b.AppendJoin(", ", t.GetGenericArguments().Select(Name));
        return b.Append('>').ToString();
    }
}
