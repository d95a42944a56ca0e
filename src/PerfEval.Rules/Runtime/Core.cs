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
}

/// <summary>
/// A set by reference that enumerates in insertion order (removals do not disturb the order of the
/// rest): O(1) add, remove and contains.
/// </summary>
internal sealed class OrderedSet<T>
    where T : class
{
    private readonly Dictionary<T, Node> _map = new(ReferenceEqualityComparer.Instance);
    private Node? _head, _tail;

    public int Count => _map.Count;

    public bool Contains(T item) => _map.ContainsKey(item);

    public bool Add(T item)
    {
        var node = new Node(item);
        if (!_map.TryAdd(item, node))
        {
            return false;
        }

        node.Prev = _tail;
        if (_tail is null)
        {
            _head = node;
        }
        else
        {
            _tail.Next = node;
        }

        _tail = node;
        return true;
    }

    public bool Remove(T item)
    {
        if (!_map.Remove(item, out var node))
        {
            return false;
        }

        if (node.Prev is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Prev.Next = node.Next;
        }

        if (node.Next is null)
        {
            _tail = node.Prev;
        }
        else
        {
            node.Next.Prev = node.Prev;
        }

        return true;
    }

    public Enumerator GetEnumerator() => new(_head);

    /// <summary>Copies the items to a list (for iteration while the set changes).</summary>
    public void CopyTo(List<T> list)
    {
        for (var n = _head; n is not null; n = n.Next)
        {
            list.Add(n.Item);
        }
    }

    internal sealed class Node
    {
        public Node(T item) => Item = item;

        public readonly T Item;
        public Node? Prev, Next;
    }

    public struct Enumerator
    {
        private Node? _next;
        private T? _current;

        public Enumerator(Node? head)
        {
            _next = head;
            _current = null;
        }

        public readonly T Current => _current!;

        public bool MoveNext()
        {
            if (_next is null)
            {
                return false;
            }

            _current = _next.Item;
            _next = _next.Next;
            return true;
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
