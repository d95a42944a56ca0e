using System.Collections.Immutable;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Schemes;

/// <summary>
/// The schemes a grader can resolve by id. Immutable: <see cref="With(Scheme)"/> returns a new catalog.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SchemeCatalog
{
    private readonly ImmutableSortedDictionary<string, Scheme> _schemes;

    private SchemeCatalog(ImmutableSortedDictionary<string, Scheme> schemes) => _schemes = schemes;

    /// <summary>A catalog with no schemes.</summary>
    public static SchemeCatalog Empty { get; } = new(ImmutableSortedDictionary.Create<string, Scheme>(StringComparer.Ordinal));

    /// <summary>The built-in schemes.</summary>
    public static SchemeCatalog Default => BuiltInSchemes.Catalog;

    /// <summary>The schemes, by id.</summary>
    public IEnumerable<Scheme> Schemes => _schemes.Values;

    /// <summary>How many schemes the catalog holds.</summary>
    public int Count => _schemes.Count;

    /// <summary>A catalog with <paramref name="scheme"/> added, replacing one with the same id.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="scheme"/> is null.</exception>
    public SchemeCatalog With(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return new(_schemes.SetItem(scheme.Id, scheme));
    }

    /// <summary>
    /// A catalog with the schemes of <paramref name="paths"/> added (see <see cref="WithDefinitions"/>).
    /// </summary>
    /// <param name="paths">Scheme files (<c>perfeval/scheme@1</c>).</param>
    /// <param name="options">Limits for reading; <see cref="JsonFileOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="paths"/> is null.</exception>
    /// <exception cref="SchemeException">When a file cannot be read, or a scheme cannot be resolved or is invalid.</exception>
    public SchemeCatalog WithFiles(IEnumerable<string> paths, JsonFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return WithDefinitions(paths.Select(p => SchemeFile.Load(p, options)).ToList());
    }

    /// <summary>
    /// A catalog with <paramref name="definitions"/> added, each replacing a scheme with the same id. A definition
    /// that extends another is resolved against the other definitions first, then this catalog: the child's
    /// scalars override, <c>grades</c> replace, <c>defaults</c> merge per key, the <c>frame</c> merges by indicator
    /// name, <c>policies</c> are appended (unless <c>replacePolicies</c>). Each resolved scheme is validated by
    /// <see cref="SchemeBuilder.Build()"/> (weights add up, grade bands cover 0…100 without overlap, policies name
    /// existing grades).
    /// </summary>
    /// <param name="definitions">The definitions, in any order.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="definitions"/> is null.</exception>
    /// <exception cref="SchemeException">When two definitions share an id, a chain has a cycle or names an unknown parent,
    /// or a resolved scheme is invalid; the exception names the file and the chain.</exception>
    public SchemeCatalog WithDefinitions(IEnumerable<SchemeDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var byId = new Dictionary<string, SchemeDefinition>(StringComparer.Ordinal);
        foreach (var d in definitions)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(definitions));
            if (byId.TryGetValue(d.Id, out var other))
            {
                throw new SchemeException(d.File, [new Problem("DuplicateScheme", null,
                    $"方案 id“{d.Id}”重复：{Describe(other)} 与 {Describe(d)}",
                    $"Scheme id \"{d.Id}\" is defined twice: {Describe(other)} and {Describe(d)}", d.Id, "$.id")]);
            }

            byId.Add(d.Id, d);
        }

        var resolved = new Dictionary<string, Scheme>(StringComparer.Ordinal);
        foreach (var d in byId.Values)
        {
            Resolve(d, byId, resolved, []);
        }

        var schemes = _schemes;
        foreach (var s in resolved.Values)
        {
            schemes = schemes.SetItem(s.Id, s);
        }

        return new(schemes);
    }

    private Scheme Resolve(SchemeDefinition d, Dictionary<string, SchemeDefinition> byId, Dictionary<string, Scheme> resolved, List<SchemeDefinition> chain)
    {
        if (resolved.TryGetValue(d.Id, out var done))
        {
            return done;
        }

        if (chain.Contains(d))
        {
            var cycle = string.Join(" → ", chain.SkipWhile(c => c != d).Append(d).Select(Describe));
            var last = chain[^1];
            throw new SchemeException(last.File, [new Problem("ExtendsCycle", null,
                $"方案继承成环：{cycle}", $"The schemes extend each other in a cycle: {cycle}", last.Extends, "$.extends", last.ExtendsLine)]);
        }

        chain.Add(d);
        var layer = d.Layer;
        if (d.Extends is { } parentId)
        {
            SchemeLayer parent;
            if (byId.TryGetValue(parentId, out var parentDef))
            {
                parent = SchemeLayer.From(Resolve(parentDef, byId, resolved, chain));
            }
            else if (_schemes.TryGetValue(parentId, out var known))
            {
                parent = SchemeLayer.From(known);
            }
            else
            {
                var path = string.Join(" → ", chain.Select(Describe)) + " → " + parentId;
                var ids = string.Join(", ", _schemes.Keys.Concat(byId.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                throw new SchemeException(d.File, [new Problem("UnknownParent", null,
                    $"方案“{d.Id}”继承的方案“{parentId}”不存在（继承链：{path}）；可用方案：{ids}",
                    $"Scheme \"{d.Id}\" extends \"{parentId}\", which does not exist (chain: {path}); known schemes: {ids}",
                    parentId, "$.extends", d.ExtendsLine)]);
            }

            layer = layer.Over(parent);
        }

        Scheme scheme;
        try
        {
            scheme = layer.ToBuilder().Build(d.File);
        }
        catch (SchemeException e)
        {
            var path = string.Join(" → ", chain.Select(Describe));
            var problems = e.Problems.Select(p => d.Extends is null ? d.Locate(p) : d.Locate(p) with
            {
                MessageZh = $"{p.MessageZh}（继承后的方案：{path} → {d.Extends}）",
                MessageEn = $"{p.MessageEn} (after resolving {path} → {d.Extends})",
            }).ToList();
            throw new SchemeException(d.File, problems, e);
        }

        chain.RemoveAt(chain.Count - 1);
        resolved[d.Id] = scheme;
        return scheme;
    }

    private static string Describe(SchemeDefinition d) => d.File is null ? d.Id : $"{d.Id} ({d.File})";

    /// <summary>Finds a scheme by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="scheme">The scheme, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Scheme? scheme) => _schemes.TryGetValue(id, out scheme);

    /// <summary>The scheme with the given id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="SchemeException">When the catalog has no such scheme; the message lists those it has.</exception>
    public Scheme Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_schemes.TryGetValue(id, out var scheme))
        {
            return scheme;
        }

        var known = string.Join(", ", _schemes.Keys);
        throw new SchemeException(null, [new Problem("UnknownScheme", null,
            $"未知的评价方案“{Values.Echo.Quote(id)}”；可用方案：{known}", $"Unknown scheme \"{Values.Echo.Quote(id)}\"; the catalog has: {known}", id)]);
    }
}
