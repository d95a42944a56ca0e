using System.Collections.Immutable;
using PerfEval.Model;

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
            $"未知的评价方案“{id}”；可用方案：{known}", $"Unknown scheme \"{id}\"; the catalog has: {known}", id)]);
    }
}
