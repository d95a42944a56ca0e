namespace PerfEval.Rules.Runtime;

internal interface ILeftSink
{
    void AssertLeft(Session s, Tuple t);

    void ModifyLeft(Session s, Tuple t);

    void RetractLeft(Session s, Tuple t);
}

/// <summary>A beta node: receives tuples from its parent and passes tuples of <see cref="Depth"/> to its sinks.</summary>
internal abstract class BetaNode : Node, ILeftSink
{
    public readonly List<ILeftSink> Sinks = new();

    protected BetaNode(BetaNode? parent, int depth)
    {
        Parent = parent;
        Depth = depth;
    }

    public BetaNode? Parent { get; }

    /// <summary>Depth of the tuples this node emits.</summary>
    public int Depth { get; }

    public abstract void AssertLeft(Session s, Tuple t);

    public abstract void ModifyLeft(Session s, Tuple t);

    public abstract void RetractLeft(Session s, Tuple t);

    protected void PropagateAssert(Session s, Tuple t)
    {
        var sinks = Sinks;
        for (int i = 0; i < sinks.Count; i++)
        {
            sinks[i].AssertLeft(s, t);
        }
    }

    protected void PropagateModify(Session s, Tuple t)
    {
        var sinks = Sinks;
        for (int i = 0; i < sinks.Count; i++)
        {
            sinks[i].ModifyLeft(s, t);
        }
    }

    protected void PropagateRetract(Session s, Tuple t)
    {
        var sinks = Sinks;
        for (int i = sinks.Count - 1; i >= 0; i--)
        {
            sinks[i].RetractLeft(s, t);
        }
    }
}

/// <summary>The top of the beta network: emits the empty root tuple once per session.</summary>
internal sealed class RootNode : BetaNode
{
    public RootNode()
        : base(null, 0)
    {
    }

    public override object CreateMemory(Session session) => throw new InvalidOperationException();

    public void Start(Session s, Tuple root)
    {
        foreach (var sink in Sinks)
        {
            if (sink is not JoinNode and not AdapterNode)
            {
                sink.AssertLeft(s, root);
            }
        }
    }

    public override void AssertLeft(Session s, Tuple t) => throw new InvalidOperationException();

    public override void ModifyLeft(Session s, Tuple t) => throw new InvalidOperationException();

    public override void RetractLeft(Session s, Tuple t) => throw new InvalidOperationException();
}

/// <summary>A join result; it sits in two intrusive lists: its left tuple's children and its right fact's children.</summary>
internal sealed class JoinTuple : Tuple
{
    public JoinTuple(JoinNode.LeftEntry left, JoinNode.RightEntry right, int depth)
        : base(left.Tuple, right.Fact, depth)
    {
        LeftOwner = left;
        RightOwner = right;
    }

    public readonly JoinNode.LeftEntry LeftOwner;
    public readonly JoinNode.RightEntry RightOwner;
    public JoinTuple? LeftPrev, LeftNext, RightPrev, RightNext;
}

/// <summary>
/// Joins tuples from the parent with facts from an alpha memory. Equality conditions between the
/// new fact and earlier declarations become a key: both sides are indexed by it, so a fact meets
/// only the tuples with its key.
/// </summary>
internal sealed class JoinNode : BetaNode, IRightSink
{
    private static readonly object NoKey = new();
    private readonly TuplePredicate?[] _conditions;

    public JoinNode(BetaNode parent, AlphaNode right, CompiledExpression[] conditions, CompiledExpression? leftKey, CompiledExpression? rightKey)
        : base(parent, parent.Depth + 1)
    {
        Right = right;
        Conditions = conditions;
        _conditions = new TuplePredicate?[conditions.Length];
        LeftKey = leftKey;
        RightKey = rightKey;
        Hashed = leftKey is not null;
    }

    public AlphaNode Right { get; }

    public CompiledExpression[] Conditions { get; }

    public CompiledExpression? LeftKey { get; }

    public CompiledExpression? RightKey { get; }

    public bool Hashed { get; }

    internal sealed class LeftEntry
    {
        public LeftEntry(Tuple tuple, object key)
        {
            Tuple = tuple;
            Key = key;
        }

        public readonly Tuple Tuple;
        public object Key;
        public JoinTuple? Head;
    }

    internal sealed class RightEntry
    {
        public RightEntry(Fact fact, object key)
        {
            Fact = fact;
            Key = key;
        }

        public readonly Fact Fact;
        public object Key;
        public JoinTuple? Head;
    }

    internal sealed class JoinMemory
    {
        public JoinMemory(bool hashed)
        {
            if (hashed)
            {
                LeftIndex = new Dictionary<object, HashSet<LeftEntry>>();
                RightIndex = new Dictionary<object, HashSet<RightEntry>>();
            }
        }

        public readonly Dictionary<Tuple, LeftEntry> Lefts = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<Fact, RightEntry> Rights = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<object, HashSet<LeftEntry>>? LeftIndex;
        public readonly Dictionary<object, HashSet<RightEntry>>? RightIndex;
    }

    public override object CreateMemory(Session session)
    {
        var m = new JoinMemory(Hashed);
        if (Parent is RootNode)
        {
            m.Lefts.Add(session.RootTuple, new LeftEntry(session.RootTuple, NoKey));
        }

        return m;
    }

    private object LeftKeyOf(Session s, Tuple t)
    {
        if (!Hashed)
        {
            return NoKey;
        }

        try
        {
            return JoinKey.Of(((TupleEvaluator)LeftKey!.Delegate)(t, null));
        }
        catch (Exception ex)
        {
            s.OnLhsError(ex, LeftKey!, this, t, null);
            return NoKey;
        }
    }

    private object RightKeyOf(Session s, Fact f)
    {
        if (!Hashed)
        {
            return NoKey;
        }

        try
        {
            return JoinKey.Of(((TupleEvaluator)RightKey!.Delegate)(null, f.Object));
        }
        catch (Exception ex)
        {
            s.OnLhsError(ex, RightKey!, this, null, f.Object);
            return NoKey;
        }
    }

    private bool Matches(Session s, Tuple t, Fact f)
    {
        var conditions = _conditions;
        for (int i = 0; i < conditions.Length; i++)
        {
            try
            {
                if (!(conditions[i] ??= (TuplePredicate)Conditions[i].Delegate)(t, f.Object))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                s.OnLhsError(ex, Conditions[i], this, t, f.Object);
                return false;
            }
        }

        return true;
    }

    private static void AddToIndex<T>(Dictionary<object, HashSet<T>> index, object key, T entry)
        where T : class
    {
        if (!index.TryGetValue(key, out var bucket))
        {
            bucket = new HashSet<T>(ReferenceEqualityComparer.Instance);
            index.Add(key, bucket);
        }

        bucket.Add(entry);
    }

    private static void RemoveFromIndex<T>(Dictionary<object, HashSet<T>> index, object key, T entry)
        where T : class
    {
        if (index.TryGetValue(key, out var bucket) && bucket.Remove(entry) && bucket.Count == 0)
        {
            index.Remove(key);
        }
    }

    private void Emit(Session s, LeftEntry left, RightEntry right)
    {
        var child = new JoinTuple(left, right, Depth);
        var lh = left.Head;
        child.LeftNext = lh;
        if (lh is not null)
        {
            lh.LeftPrev = child;
        }

        left.Head = child;
        var rh = right.Head;
        child.RightNext = rh;
        if (rh is not null)
        {
            rh.RightPrev = child;
        }

        right.Head = child;
        PropagateAssert(s, child);
    }

    private static void UnlinkLeft(JoinTuple c)
    {
        if (c.LeftPrev is null)
        {
            c.LeftOwner.Head = c.LeftNext;
        }
        else
        {
            c.LeftPrev.LeftNext = c.LeftNext;
        }

        if (c.LeftNext is not null)
        {
            c.LeftNext.LeftPrev = c.LeftPrev;
        }

        c.LeftPrev = c.LeftNext = null;
    }

    private static void UnlinkRight(JoinTuple c)
    {
        if (c.RightPrev is null)
        {
            c.RightOwner.Head = c.RightNext;
        }
        else
        {
            c.RightPrev.RightNext = c.RightNext;
        }

        if (c.RightNext is not null)
        {
            c.RightNext.RightPrev = c.RightPrev;
        }

        c.RightPrev = c.RightNext = null;
    }

    public override void AssertLeft(Session s, Tuple t)
    {
        var m = s.Memory<JoinMemory>(this);
        var left = new LeftEntry(t, LeftKeyOf(s, t));
        m.Lefts.Add(t, left);
        if (Hashed)
        {
            AddToIndex(m.LeftIndex!, left.Key, left);
            if (left.Key != NoKey && m.RightIndex!.TryGetValue(left.Key, out var rights))
            {
                foreach (var right in rights)
                {
                    if (Matches(s, t, right.Fact))
                    {
                        Emit(s, left, right);
                    }
                }
            }
        }
        else
        {
            foreach (var right in m.Rights.Values)
            {
                if (Matches(s, t, right.Fact))
                {
                    Emit(s, left, right);
                }
            }
        }
    }

    public void AssertRight(Session s, Fact f)
    {
        var m = s.Memory<JoinMemory>(this);
        var right = new RightEntry(f, RightKeyOf(s, f));
        m.Rights.Add(f, right);
        if (Hashed)
        {
            AddToIndex(m.RightIndex!, right.Key, right);
            if (right.Key != NoKey && m.LeftIndex!.TryGetValue(right.Key, out var lefts))
            {
                foreach (var left in lefts)
                {
                    if (Matches(s, left.Tuple, f))
                    {
                        Emit(s, left, right);
                    }
                }
            }
        }
        else
        {
            foreach (var left in m.Lefts.Values)
            {
                if (Matches(s, left.Tuple, f))
                {
                    Emit(s, left, right);
                }
            }
        }
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        var m = s.Memory<JoinMemory>(this);
        if (!m.Lefts.Remove(t, out var left))
        {
            return;
        }

        if (Hashed)
        {
            RemoveFromIndex(m.LeftIndex!, left.Key, left);
        }

        var c = left.Head;
        left.Head = null;
        while (c is not null)
        {
            var next = c.LeftNext;
            c.LeftPrev = c.LeftNext = null;
            UnlinkRight(c);
            PropagateRetract(s, c);
            c = next;
        }
    }

    public void RetractRight(Session s, Fact f)
    {
        var m = s.Memory<JoinMemory>(this);
        if (!m.Rights.Remove(f, out var right))
        {
            return;
        }

        if (Hashed)
        {
            RemoveFromIndex(m.RightIndex!, right.Key, right);
        }

        var c = right.Head;
        right.Head = null;
        while (c is not null)
        {
            var next = c.RightNext;
            c.RightPrev = c.RightNext = null;
            UnlinkLeft(c);
            PropagateRetract(s, c);
            c = next;
        }
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        var m = s.Memory<JoinMemory>(this);
        if (!m.Lefts.TryGetValue(t, out var left))
        {
            AssertLeft(s, t);
            return;
        }

        if (Hashed)
        {
            var key = LeftKeyOf(s, t);
            if (!Equals(key, left.Key))
            {
                RemoveFromIndex(m.LeftIndex!, left.Key, left);
                left.Key = key;
                AddToIndex(m.LeftIndex!, key, left);
            }
        }

        var kept = s.RentFactSet();
        var existing = s.RentTupleList();
        try
        {
            for (var c = left.Head; c is not null; c = c.LeftNext)
            {
                existing.Add(c);
            }

            foreach (var item in existing)
            {
                var c = (JoinTuple)item;
                bool ok = (!Hashed || (left.Key != NoKey && Equals(c.RightOwner.Key, left.Key))) && Matches(s, t, c.Fact!);
                if (ok)
                {
                    kept.Add(c.Fact!);
                    PropagateModify(s, c);
                }
                else
                {
                    UnlinkLeft(c);
                    UnlinkRight(c);
                    PropagateRetract(s, c);
                }
            }

            if (Hashed)
            {
                if (left.Key != NoKey && m.RightIndex!.TryGetValue(left.Key, out var rights))
                {
                    foreach (var right in rights)
                    {
                        if (!kept.Contains(right.Fact) && Matches(s, t, right.Fact))
                        {
                            Emit(s, left, right);
                        }
                    }
                }
            }
            else
            {
                foreach (var right in m.Rights.Values)
                {
                    if (!kept.Contains(right.Fact) && Matches(s, t, right.Fact))
                    {
                        Emit(s, left, right);
                    }
                }
            }
        }
        finally
        {
            s.ReturnTupleList(existing);
            s.ReturnFactSet(kept);
        }
    }

    public void ModifyRight(Session s, Fact f)
    {
        var m = s.Memory<JoinMemory>(this);
        if (!m.Rights.TryGetValue(f, out var right))
        {
            AssertRight(s, f);
            return;
        }

        if (Hashed)
        {
            var key = RightKeyOf(s, f);
            if (!Equals(key, right.Key))
            {
                RemoveFromIndex(m.RightIndex!, right.Key, right);
                right.Key = key;
                AddToIndex(m.RightIndex!, key, right);
            }
        }

        var kept = s.RentTupleSet();
        var existing = s.RentTupleList();
        try
        {
            for (var c = right.Head; c is not null; c = c.RightNext)
            {
                existing.Add(c);
            }

            foreach (var item in existing)
            {
                var c = (JoinTuple)item;
                var t = c.Parent!;
                bool ok = (!Hashed || (right.Key != NoKey && Equals(c.LeftOwner.Key, right.Key))) && Matches(s, t, f);
                if (ok)
                {
                    kept.Add(t);
                    PropagateModify(s, c);
                }
                else
                {
                    UnlinkLeft(c);
                    UnlinkRight(c);
                    PropagateRetract(s, c);
                }
            }

            if (Hashed)
            {
                if (right.Key != NoKey && m.LeftIndex!.TryGetValue(right.Key, out var lefts))
                {
                    foreach (var left in lefts)
                    {
                        if (!kept.Contains(left.Tuple) && Matches(s, left.Tuple, f))
                        {
                            Emit(s, left, right);
                        }
                    }
                }
            }
            else
            {
                foreach (var left in m.Lefts.Values)
                {
                    if (!kept.Contains(left.Tuple) && Matches(s, left.Tuple, f))
                    {
                        Emit(s, left, right);
                    }
                }
            }
        }
        finally
        {
            s.ReturnTupleList(existing);
            s.ReturnTupleSet(kept);
        }
    }
}

/// <summary>Receives the tuples of a sub-network (Not, Exists, aggregate source) as the node's right input.</summary>
internal sealed class SubnetAdapter : ILeftSink
{
    private readonly ISubnetSink _target;

    public SubnetAdapter(ISubnetSink target) => _target = target;

    public void AssertLeft(Session s, Tuple t) => _target.AssertSub(s, t);

    public void ModifyLeft(Session s, Tuple t) => _target.ModifySub(s, t);

    public void RetractLeft(Session s, Tuple t) => _target.RetractSub(s, t);
}

internal interface ISubnetSink
{
    void AssertSub(Session s, Tuple t);

    void ModifySub(Session s, Tuple t);

    void RetractSub(Session s, Tuple t);
}

/// <summary>Not (passes a tuple while its sub-network has no match for it) and Exists (while it has one).</summary>
internal sealed class QuantifierNode : BetaNode, ISubnetSink
{
    public QuantifierNode(BetaNode parent, bool negated, BetaNode subnet)
        : base(parent, parent.Depth)
    {
        Negated = negated;
        Subnet = subnet;
    }

    public bool Negated { get; }

    public BetaNode Subnet { get; }

    private sealed class Entry
    {
        public int Count;
        public bool Present;
    }

    public override object CreateMemory(Session session) => new Dictionary<Tuple, Entry>(ReferenceEqualityComparer.Instance);

    private bool Holds(Entry e) => Negated ? e.Count == 0 : e.Count > 0;

    public override void AssertLeft(Session s, Tuple t)
    {
        var m = s.Memory<Dictionary<Tuple, Entry>>(this);
        if (!m.TryGetValue(t, out var e))
        {
            e = new Entry();
            m.Add(t, e);
        }

        e.Present = true;
        if (Holds(e))
        {
            PropagateAssert(s, t);
        }
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        var m = s.Memory<Dictionary<Tuple, Entry>>(this);
        if (m.TryGetValue(t, out var e) && e.Present && Holds(e))
        {
            PropagateModify(s, t);
        }
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        var m = s.Memory<Dictionary<Tuple, Entry>>(this);
        if (!m.TryGetValue(t, out var e))
        {
            return;
        }

        e.Present = false;
        if (Holds(e))
        {
            PropagateRetract(s, t);
        }

        if (e.Count == 0)
        {
            m.Remove(t);
        }
    }

    public void AssertSub(Session s, Tuple t)
    {
        var left = t.Ancestor(Depth);
        var m = s.Memory<Dictionary<Tuple, Entry>>(this);
        if (!m.TryGetValue(left, out var e))
        {
            e = new Entry();
            m.Add(left, e);
        }

        bool before = Holds(e);
        e.Count++;
        if (e.Present && before != Holds(e))
        {
            if (Negated)
            {
                PropagateRetract(s, left);
            }
            else
            {
                PropagateAssert(s, left);
            }
        }
    }

    public void ModifySub(Session s, Tuple t)
    {
    }

    public void RetractSub(Session s, Tuple t)
    {
        var left = t.Ancestor(Depth);
        var m = s.Memory<Dictionary<Tuple, Entry>>(this);
        if (!m.TryGetValue(left, out var e))
        {
            return;
        }

        bool before = Holds(e);
        e.Count--;
        if (e.Present && before != Holds(e))
        {
            if (Negated)
            {
                PropagateAssert(s, left);
            }
            else
            {
                PropagateRetract(s, left);
            }
        }

        if (!e.Present && e.Count == 0)
        {
            m.Remove(left);
        }
    }
}

/// <summary>Let: adds a computed value as a new level.</summary>
internal sealed class BindingNode : BetaNode
{
    public BindingNode(BetaNode parent, CompiledExpression expression)
        : base(parent, parent.Depth + 1) => Expression = expression;

    public CompiledExpression Expression { get; }

    public override object CreateMemory(Session session) => new Dictionary<Tuple, Tuple>(ReferenceEqualityComparer.Instance);

    private bool TryEvaluate(Session s, Tuple t, out object? value)
    {
        try
        {
            value = ((TupleEvaluator)Expression.Delegate)(t, null);
            return true;
        }
        catch (Exception ex)
        {
            s.OnLhsError(ex, Expression, this, t, null);
            value = null;
            return false;
        }
    }

    public override void AssertLeft(Session s, Tuple t)
    {
        if (TryEvaluate(s, t, out var value))
        {
            var child = new Tuple(t, new Fact(value), Depth);
            s.Memory<Dictionary<Tuple, Tuple>>(this)[t] = child;
            PropagateAssert(s, child);
        }
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        var m = s.Memory<Dictionary<Tuple, Tuple>>(this);
        if (!m.TryGetValue(t, out var child))
        {
            AssertLeft(s, t);
            return;
        }

        if (TryEvaluate(s, t, out var value))
        {
            child.Fact!.Object = value;
            PropagateModify(s, child);
        }
        else
        {
            m.Remove(t);
            PropagateRetract(s, child);
        }
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        if (s.Memory<Dictionary<Tuple, Tuple>>(this).Remove(t, out var child))
        {
            PropagateRetract(s, child);
        }
    }
}

/// <summary>Having, and conditions on aggregate results: passes tuples that satisfy every predicate.</summary>
internal sealed class FilterNode : BetaNode
{
    private readonly TuplePredicate?[] _predicates;

    public FilterNode(BetaNode parent, CompiledExpression[] conditions)
        : base(parent, parent.Depth)
    {
        Conditions = conditions;
        _predicates = new TuplePredicate?[conditions.Length];
    }

    public CompiledExpression[] Conditions { get; }

    public override object CreateMemory(Session session) => new HashSet<Tuple>(ReferenceEqualityComparer.Instance);

    private bool Matches(Session s, Tuple t)
    {
        for (int i = 0; i < _predicates.Length; i++)
        {
            try
            {
                if (!(_predicates[i] ??= (TuplePredicate)Conditions[i].Delegate)(t, null))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                s.OnLhsError(ex, Conditions[i], this, t, null);
                return false;
            }
        }

        return true;
    }

    public override void AssertLeft(Session s, Tuple t)
    {
        if (Matches(s, t))
        {
            s.Memory<HashSet<Tuple>>(this).Add(t);
            PropagateAssert(s, t);
        }
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        var m = s.Memory<HashSet<Tuple>>(this);
        if (Matches(s, t))
        {
            if (m.Add(t))
            {
                PropagateAssert(s, t);
            }
            else
            {
                PropagateModify(s, t);
            }
        }
        else if (m.Remove(t))
        {
            PropagateRetract(s, t);
        }
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        if (s.Memory<HashSet<Tuple>>(this).Remove(t))
        {
            PropagateRetract(s, t);
        }
    }
}

/// <summary>The end of a rule branch: turns matches into activations on the agenda.</summary>
internal sealed class TerminalNode : BetaNode
{
    public TerminalNode(BetaNode parent, CompiledRule rule, FactSlot[] slots, CompiledAction[] actions)
        : base(parent, parent.Depth)
    {
        Rule = rule;
        Slots = slots;
        Actions = actions;
    }

    public CompiledRule Rule { get; }

    public CompiledAction[] Actions { get; }

    /// <summary>The named levels of a match, in declaration order.</summary>
    public FactSlot[] Slots { get; }

    public override object CreateMemory(Session session) => throw new InvalidOperationException("Activations live on their tuples.");

    private Activation? Find(Tuple t)
    {
        for (var a = t.Activations; a is not null; a = a.NextForTuple)
        {
            if (a.Terminal == this)
            {
                return a;
            }
        }

        return null;
    }

    public override void AssertLeft(Session s, Tuple t)
    {
        var a = new Activation(this, t);
        a.NextForTuple = t.Activations;
        t.Activations = a;
        s.AgendaInternal.Enqueue(a);
        s.OnActivationCreated(a);
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        var a = Find(t);
        if (a is null)
        {
            return;
        }

        if (!a.Queued && Rule.Repeatable)
        {
            s.AgendaInternal.Enqueue(a);
        }

        s.OnActivationUpdated(a);
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        Activation? previous = null;
        var a = t.Activations;
        while (a is not null && a.Terminal != this)
        {
            previous = a;
            a = a.NextForTuple;
        }

        if (a is null)
        {
            return;
        }

        if (previous is null)
        {
            t.Activations = a.NextForTuple;
        }
        else
        {
            previous.NextForTuple = a.NextForTuple;
        }

        a.NextForTuple = null;
        a.IsRetracted = true;
        if (a.Queued)
        {
            s.AgendaInternal.Remove(a);
        }

        s.OnActivationDeleted(a);
        s.ReleaseLinked(a);
        if (a.HasFired && Rule.HasDeactivationActions)
        {
            s.AgendaInternal.Enqueue(a.ForDeactivation());
        }
    }
}

/// <summary>The first pattern of a chain: turns each fact of an alpha node into a one-fact tuple.</summary>
internal sealed class AdapterNode : BetaNode, IRightSink
{
    public AdapterNode(RootNode root, AlphaNode right)
        : base(root, 1) => Right = right;

    public AlphaNode Right { get; }

    public override object CreateMemory(Session session) => throw new InvalidOperationException("Adapter tuples live on their facts.");

    private AdapterTuple? Find(Fact f)
    {
        for (var t = f.Adapted; t is not null; t = t.NextForFact)
        {
            if (t.Owner == this)
            {
                return t;
            }
        }

        return null;
    }

    public void AssertRight(Session s, Fact f)
    {
        var child = new AdapterTuple(s.RootTuple, f, this) { NextForFact = f.Adapted };
        f.Adapted = child;
        PropagateAssert(s, child);
    }

    public void ModifyRight(Session s, Fact f)
    {
        var child = Find(f);
        if (child is not null)
        {
            PropagateModify(s, child);
        }
        else
        {
            AssertRight(s, f);
        }
    }

    public void RetractRight(Session s, Fact f)
    {
        AdapterTuple? previous = null;
        var t = f.Adapted;
        while (t is not null && t.Owner != this)
        {
            previous = t;
            t = t.NextForFact;
        }

        if (t is null)
        {
            return;
        }

        if (previous is null)
        {
            f.Adapted = t.NextForFact;
        }
        else
        {
            previous.NextForFact = t.NextForFact;
        }

        t.NextForFact = null;
        PropagateRetract(s, t);
    }

    public override void AssertLeft(Session s, Tuple t)
    {
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
    }

    public override void RetractLeft(Session s, Tuple t)
    {
    }
}

internal readonly record struct FactSlot(RuleModel.Declaration Declaration, int Level);
