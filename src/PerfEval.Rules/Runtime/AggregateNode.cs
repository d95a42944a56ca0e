using System.Collections;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Runtime;

/// <summary>
/// Aggregates the tuples of a sub-network per left tuple, incrementally, and emits one tuple per
/// result (left tuple + result value at the next level).
/// </summary>
internal sealed class AggregateNode : BetaNode, ISubnetSink
{
    public AggregateNode(BetaNode parent, AggregateKind kind, BetaNode subnet, CompiledExpression? selector, CompiledExpression? keySelector, CompiledExpression? elementSelector, Func<ICollectResult>? collectFactory, Func<object?, IGroupResult>? groupFactory)
        : base(parent, parent.Depth + 1)
    {
        Kind = kind;
        Subnet = subnet;
        Selector = selector;
        KeySelector = keySelector;
        ElementSelector = elementSelector;
        CollectFactory = collectFactory;
        GroupFactory = groupFactory;
    }

    public AggregateKind Kind { get; }

    public BetaNode Subnet { get; }

    public CompiledExpression? Selector { get; }

    public CompiledExpression? KeySelector { get; }

    public CompiledExpression? ElementSelector { get; }

    public Func<ICollectResult>? CollectFactory { get; }

    public Func<object?, IGroupResult>? GroupFactory { get; }

    internal sealed class State
    {
        public State(Tuple left) => Left = left;

        public readonly Tuple Left;
        public bool Present;
        public Aggregator Aggregator = null!;
        public readonly OrderedSet<Fact> Results = new();
        public readonly Dictionary<Fact, Tuple> Outputs = new(ReferenceEqualityComparer.Instance);
    }

    public override object CreateMemory(Session session) => new Dictionary<Tuple, State>(ReferenceEqualityComparer.Instance);

    private State GetState(Session s, Tuple left)
    {
        var m = s.Memory<Dictionary<Tuple, State>>(this);
        if (!m.TryGetValue(left, out var st))
        {
            st = new State(left);
            m.Add(left, st);
            st.Aggregator = Kind switch
            {
                AggregateKind.Collect => new CollectAggregator(),
                AggregateKind.Sum => new SumAggregator(),
                AggregateKind.Count => new CountAggregator(),
                AggregateKind.Min => new ExtremumAggregator(max: false),
                AggregateKind.Max => new ExtremumAggregator(max: true),
                AggregateKind.Project => new ProjectAggregator(),
                AggregateKind.Flatten => new FlattenAggregator(),
                AggregateKind.GroupBy => new GroupByAggregator(),
                _ => throw new InvalidOperationException(),
            };
            st.Aggregator.Initialize(this, s, st);
        }

        return st;
    }

    public bool TryEvaluate(Session s, CompiledExpression e, Tuple rt, out object? value)
    {
        try
        {
            value = ((TupleEvaluator)e.Delegate)(rt, null);
            return true;
        }
        catch (Exception ex)
        {
            s.OnLhsError(ex, e, this, rt, null);
            value = null;
            return false;
        }
    }

    public void ResultAdded(Session s, State st, Fact result)
    {
        st.Results.Add(result);
        if (st.Present)
        {
            var o = new Tuple(st.Left, result, Depth);
            st.Outputs.Add(result, o);
            PropagateAssert(s, o);
        }
    }

    public void ResultModified(Session s, State st, Fact result)
    {
        if (st.Present && st.Outputs.TryGetValue(result, out var o))
        {
            PropagateModify(s, o);
        }
    }

    public void ResultRemoved(Session s, State st, Fact result)
    {
        st.Results.Remove(result);
        if (st.Present && st.Outputs.Remove(result, out var o))
        {
            PropagateRetract(s, o);
        }
    }

    public override void AssertLeft(Session s, Tuple t)
    {
        var st = GetState(s, t);
        st.Present = true;
        foreach (var r in st.Results)
        {
            var o = new Tuple(t, r, Depth);
            st.Outputs.Add(r, o);
            PropagateAssert(s, o);
        }
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        if (s.Memory<Dictionary<Tuple, State>>(this).TryGetValue(t, out var st) && st.Present)
        {
            foreach (var r in st.Results)
            {
                if (st.Outputs.TryGetValue(r, out var o))
                {
                    PropagateModify(s, o);
                }
            }
        }
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        var m = s.Memory<Dictionary<Tuple, State>>(this);
        if (!m.TryGetValue(t, out var st))
        {
            return;
        }

        st.Present = false;
        foreach (var r in st.Results)
        {
            if (st.Outputs.Remove(r, out var o))
            {
                PropagateRetract(s, o);
            }
        }

        if (st.Aggregator.SourceCount == 0)
        {
            m.Remove(t);
        }
    }

    public void AssertSub(Session s, Tuple t)
    {
        var st = GetState(s, t.Ancestor(Parent!.Depth));
        st.Aggregator.Add(this, s, st, t);
    }

    public void ModifySub(Session s, Tuple t)
    {
        var st = GetState(s, t.Ancestor(Parent!.Depth));
        st.Aggregator.Modify(this, s, st, t);
    }

    public void RetractSub(Session s, Tuple t)
    {
        var left = t.Ancestor(Parent!.Depth);
        var m = s.Memory<Dictionary<Tuple, State>>(this);
        if (!m.TryGetValue(left, out var st))
        {
            return;
        }

        st.Aggregator.Remove(this, s, st, t);
        if (!st.Present && st.Aggregator.SourceCount == 0)
        {
            m.Remove(left);
        }
    }
}

internal abstract class Aggregator
{
    public abstract int SourceCount { get; }

    public virtual void Initialize(AggregateNode node, Session s, AggregateNode.State st)
    {
    }

    public abstract void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t);

    public abstract void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t);

    public abstract void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t);
}

internal interface ICollectResult
{
    void Add(Tuple t);

    bool Remove(Tuple t);

    int Count { get; }
}

/// <summary>The Collect result: the source facts, in the order they arrived.</summary>
internal sealed class CollectionResult<T> : IReadOnlyCollection<T>, ICollectResult
{
    private readonly OrderedSet<Tuple> _items = new();

    public int Count => _items.Count;

    public void Add(Tuple t) => _items.Add(t);

    public bool Remove(Tuple t) => _items.Remove(t);

    public IEnumerator<T> GetEnumerator()
    {
        var list = new List<Tuple>(_items.Count);
        _items.CopyTo(list);
        foreach (var t in list)
        {
            yield return (T)t.Fact!.Object!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", this) + "]";
}

internal sealed class CollectAggregator : Aggregator
{
    private Fact _result = null!;
    private ICollectResult _collection = null!;

    public override int SourceCount => _collection.Count;

    public override void Initialize(AggregateNode node, Session s, AggregateNode.State st)
    {
        _collection = node.CollectFactory!();
        _result = new Fact(_collection);
        node.ResultAdded(s, st, _result);
    }

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        _collection.Add(t);
        node.ResultModified(s, st, _result);
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t) =>
        node.ResultModified(s, st, _result);

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_collection.Remove(t))
        {
            node.ResultModified(s, st, _result);
        }
    }
}

internal sealed class CountAggregator : Aggregator
{
    private readonly HashSet<Tuple> _items = new(ReferenceEqualityComparer.Instance);
    private Fact _result = null!;

    public override int SourceCount => _items.Count;

    public override void Initialize(AggregateNode node, Session s, AggregateNode.State st)
    {
        _result = new Fact(0);
        node.ResultAdded(s, st, _result);
    }

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_items.Add(t))
        {
            _result.Object = _items.Count;
            node.ResultModified(s, st, _result);
        }
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
    }

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_items.Remove(t))
        {
            _result.Object = _items.Count;
            node.ResultModified(s, st, _result);
        }
    }
}

internal sealed class SumAggregator : Aggregator
{
    private readonly Dictionary<Tuple, decimal> _values = new(ReferenceEqualityComparer.Instance);
    private decimal _sum;
    private Fact _result = null!;

    public override int SourceCount => _values.Count;

    public override void Initialize(AggregateNode node, Session s, AggregateNode.State st)
    {
        _result = new Fact(0m);
        node.ResultAdded(s, st, _result);
    }

    private void Publish(AggregateNode node, Session s, AggregateNode.State st, decimal before)
    {
        if (before != _sum || _values.Count == 0)
        {
            _result.Object = _sum;
            node.ResultModified(s, st, _result);
        }
    }

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            var before = _sum;
            var d = (decimal)v!;
            _values[t] = d;
            _sum += d;
            Publish(node, s, st, before);
        }
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        var before = _sum;
        if (_values.Remove(t, out var old))
        {
            _sum -= old;
        }

        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            var d = (decimal)v!;
            _values[t] = d;
            _sum += d;
        }

        Publish(node, s, st, before);
    }

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_values.Remove(t, out var old))
        {
            var before = _sum;
            _sum -= old;
            Publish(node, s, st, before);
        }
    }
}

internal sealed class ExtremumAggregator : Aggregator
{
    private readonly bool _max;
    private readonly Dictionary<Tuple, decimal> _values = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<decimal, int> _counts = new();
    private readonly SortedSet<decimal> _distinct = new();
    private Fact? _result;

    public ExtremumAggregator(bool max) => _max = max;

    public override int SourceCount => _values.Count;

    private void AddValue(decimal d)
    {
        if (_counts.TryGetValue(d, out var c))
        {
            _counts[d] = c + 1;
        }
        else
        {
            _counts.Add(d, 1);
            _distinct.Add(d);
        }
    }

    private void RemoveValue(decimal d)
    {
        var c = _counts[d];
        if (c == 1)
        {
            _counts.Remove(d);
            _distinct.Remove(d);
        }
        else
        {
            _counts[d] = c - 1;
        }
    }

    private void Publish(AggregateNode node, Session s, AggregateNode.State st)
    {
        if (_counts.Count == 0)
        {
            if (_result is not null)
            {
                var r = _result;
                _result = null;
                node.ResultRemoved(s, st, r);
            }

            return;
        }

        decimal value = _max ? _distinct.Max : _distinct.Min;
        if (_result is null)
        {
            _result = new Fact(value);
            node.ResultAdded(s, st, _result);
        }
        else if ((decimal)_result.Object! != value)
        {
            _result.Object = value;
            node.ResultModified(s, st, _result);
        }
    }

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            var d = (decimal)v!;
            _values[t] = d;
            AddValue(d);
            Publish(node, s, st);
        }
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_values.Remove(t, out var old))
        {
            RemoveValue(old);
        }

        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            var d = (decimal)v!;
            _values[t] = d;
            AddValue(d);
        }

        Publish(node, s, st);
    }

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_values.Remove(t, out var old))
        {
            RemoveValue(old);
            Publish(node, s, st);
        }
    }
}

internal sealed class ProjectAggregator : Aggregator
{
    private readonly Dictionary<Tuple, Fact> _results = new(ReferenceEqualityComparer.Instance);

    public override int SourceCount => _results.Count;

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            var r = new Fact(v);
            _results.Add(t, r);
            node.ResultAdded(s, st, r);
        }
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (!_results.TryGetValue(t, out var r))
        {
            Add(node, s, st, t);
            return;
        }

        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            r.Object = v;
            node.ResultModified(s, st, r);
        }
        else
        {
            _results.Remove(t);
            node.ResultRemoved(s, st, r);
        }
    }

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_results.Remove(t, out var r))
        {
            node.ResultRemoved(s, st, r);
        }
    }
}

internal sealed class FlattenAggregator : Aggregator
{
    private readonly Dictionary<Tuple, List<Fact>> _results = new(ReferenceEqualityComparer.Instance);

    public override int SourceCount => _results.Count;

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (node.TryEvaluate(s, node.Selector!, t, out var v))
        {
            var list = new List<Fact>();
            _results.Add(t, list);
            if (v is IEnumerable items)
            {
                foreach (var item in items)
                {
                    var r = new Fact(item);
                    list.Add(r);
                    node.ResultAdded(s, st, r);
                }
            }
        }
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        Remove(node, s, st, t);
        Add(node, s, st, t);
    }

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_results.Remove(t, out var list))
        {
            foreach (var r in list)
            {
                node.ResultRemoved(s, st, r);
            }
        }
    }
}

internal interface IGroupResult
{
    void Set(Tuple t, object? element);

    bool Remove(Tuple t);

    int Count { get; }
}

/// <summary>A GroupBy result: the key and the elements of the source facts that have it, in arrival order.</summary>
internal sealed class GroupResult<TKey, TElement> : IGrouping<TKey, TElement>, IReadOnlyCollection<TElement>, IGroupResult
{
    private readonly OrderedSet<Tuple> _order = new();
    private readonly Dictionary<Tuple, TElement> _elements = new(ReferenceEqualityComparer.Instance);

    public GroupResult(object? key) => Key = (TKey)key!;

    public TKey Key { get; }

    public int Count => _order.Count;

    public void Set(Tuple t, object? element)
    {
        _order.Add(t);
        _elements[t] = (TElement)element!;
    }

    public bool Remove(Tuple t)
    {
        _elements.Remove(t);
        return _order.Remove(t);
    }

    public IEnumerator<TElement> GetEnumerator()
    {
        var list = new List<Tuple>(_order.Count);
        _order.CopyTo(list);
        foreach (var t in list)
        {
            yield return _elements[t];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Key + ": [" + string.Join(", ", this) + "]";
}

internal sealed class GroupByAggregator : Aggregator
{
    private readonly Dictionary<object, (Fact Result, IGroupResult Group)> _groups = new();
    private readonly Dictionary<Tuple, object> _keys = new(ReferenceEqualityComparer.Instance);

    public override int SourceCount => _keys.Count;

    public override void Add(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (!node.TryEvaluate(s, node.KeySelector!, t, out var key))
        {
            return;
        }

        object? element = t.Fact!.Object;
        if (node.ElementSelector is not null && !node.TryEvaluate(s, node.ElementSelector, t, out element))
        {
            return;
        }

        var k = JoinKey.Of(key);
        _keys[t] = k;
        if (_groups.TryGetValue(k, out var g))
        {
            g.Group.Set(t, element);
            node.ResultModified(s, st, g.Result);
        }
        else
        {
            var group = node.GroupFactory!(key);
            group.Set(t, element);
            var r = new Fact(group);
            _groups.Add(k, (r, group));
            node.ResultAdded(s, st, r);
        }
    }

    public override void Modify(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (_keys.TryGetValue(t, out var old)
            && node.TryEvaluate(s, node.KeySelector!, t, out var key)
            && Equals(JoinKey.Of(key), old))
        {
            object? element = t.Fact!.Object;
            if (node.ElementSelector is null || node.TryEvaluate(s, node.ElementSelector, t, out element))
            {
                var g = _groups[old];
                g.Group.Set(t, element);
                node.ResultModified(s, st, g.Result);
                return;
            }
        }

        Remove(node, s, st, t);
        Add(node, s, st, t);
    }

    public override void Remove(AggregateNode node, Session s, AggregateNode.State st, Tuple t)
    {
        if (!_keys.Remove(t, out var k))
        {
            return;
        }

        var g = _groups[k];
        g.Group.Remove(t);
        if (g.Group.Count == 0)
        {
            _groups.Remove(k);
            node.ResultRemoved(s, st, g.Result);
        }
        else
        {
            node.ResultModified(s, st, g.Result);
        }
    }
}
