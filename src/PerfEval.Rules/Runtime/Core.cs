using System.Runtime.CompilerServices;

namespace PerfEval.Rules.Runtime;

/// <summary>A value in working memory or bound in a tuple (binding and aggregate results are facts outside working memory).</summary>
internal sealed class Fact
{
    public Fact(object? value) => Object = value;

    public object? Object;

    /// <summary>Working-memory list links, in insertion order.</summary>
    public Fact? Prev;
    public Fact? Next;

    /// <summary>The activation that linked this fact, if any.</summary>
    public Activation? Owner;
    public object? LinkKey;

    /// <summary>The one-fact tuples adapters made from this fact, chained.</summary>
    public AdapterTuple? Adapted;

    public override string ToString() => Object?.ToString() ?? "null";
}

/// <summary>A partial match: a chain of facts, one per level (level 0 is the root and holds none).</summary>
internal class Tuple
{
    public static Tuple CreateRoot() => new(null, null, 0);

    public Tuple(Tuple? parent, Fact? fact, int depth)
    {
        Parent = parent;
        Fact = fact;
        Depth = depth;
    }

    public readonly Tuple? Parent;
    public readonly Fact? Fact;
    public readonly int Depth;

    /// <summary>The activations made from this tuple (one per terminal it reached), chained.</summary>
    public Activation? Activations;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object? GetValue(int level)
    {
        var t = this;
        while (t.Depth > level)
        {
            t = t.Parent!;
        }

        return t.Fact!.Object;
    }

    public Tuple Ancestor(int depth)
    {
        var t = this;
        while (t.Depth > depth)
        {
            t = t.Parent!;
        }

        return t;
    }

    public Fact? FactAt(int level)
    {
        var t = this;
        while (t.Depth > level)
        {
            t = t.Parent!;
        }

        return t.Fact;
    }
}

/// <summary>
/// A set by reference. Enumeration order is deterministic for a given sequence of adds and
/// removes (it does not depend on hash codes), which keeps firing order reproducible.
/// </summary>
internal sealed class LinkedSet<T>
    where T : class
{
    private readonly HashSet<T> _set = new(ReferenceEqualityComparer.Instance);

    public int Count => _set.Count;

    public bool Contains(T item) => _set.Contains(item);

    public bool Add(T item) => _set.Add(item);

    public bool Remove(T item) => _set.Remove(item);

    public HashSet<T>.Enumerator GetEnumerator() => _set.GetEnumerator();

    /// <summary>Copies the items to a list (for iteration while the set changes).</summary>
    public void CopyTo(List<T> list)
    {
        foreach (var item in _set)
        {
            list.Add(item);
        }
    }
}

/// <summary>Fact identity: <see cref="IIdentityProvider"/> if implemented, else default equality.</summary>
internal sealed class FactIdentityComparer : IEqualityComparer<object>
{
    public static readonly FactIdentityComparer Instance = new();

    public new bool Equals(object? x, object? y)
    {
        if (x is IIdentityProvider a)
        {
            return y is IIdentityProvider b && EqualityComparer<object>.Default.Equals(a.GetIdentity(), b.GetIdentity());
        }

        return y is not IIdentityProvider && EqualityComparer<object>.Default.Equals(x, y);
    }

    public int GetHashCode(object obj) =>
        obj is IIdentityProvider p ? p.GetIdentity().GetHashCode() : obj.GetHashCode();
}

/// <summary>Join keys: the null key and composite keys.</summary>
internal static class JoinKey
{
    public static readonly object Null = new NullKey();

    public static object Of(object? value) => value ?? Null;

    private sealed class NullKey
    {
        public override string ToString() => "null";
    }
}

internal sealed class CompositeKey : IEquatable<CompositeKey>
{
    private readonly object?[] _parts;
    private readonly int _hash;

    public CompositeKey(object?[] parts)
    {
        _parts = parts;
        var h = new HashCode();
        foreach (var p in parts)
        {
            h.Add(p);
        }

        _hash = h.ToHashCode();
    }

    public bool Equals(CompositeKey? other)
    {
        if (other is null || other._parts.Length != _parts.Length)
        {
            return false;
        }

        for (int i = 0; i < _parts.Length; i++)
        {
            if (!Object.Equals(_parts[i], other._parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CompositeKey);

    public override int GetHashCode() => _hash;
}

internal delegate bool TuplePredicate(Tuple? t, object? f);

internal delegate object? TupleEvaluator(Tuple? t, object? f);

internal delegate void TupleAction(IContext ctx, Tuple? t);

/// <summary>A one-fact tuple made by an adapter node; chained on its fact so no dictionary is needed.</summary>
internal sealed class AdapterTuple : Tuple
{
    public AdapterTuple(Tuple root, Fact fact, AdapterNode owner)
        : base(root, fact, 1) => Owner = owner;

    public readonly AdapterNode Owner;
    public AdapterTuple? NextForFact;
}
