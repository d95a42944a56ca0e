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

/// <summary>
/// Joins tuples from the parent with facts from an alpha memory. Equality conditions between the
/// new fact and earlier declarations become a key: both sides are indexed by it.
/// </summary>
internal sealed class JoinNode : BetaNode, IRightSink
{
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

    public override object CreateMemory(Session session)
    {
        var m = new JoinMemory(Hashed);
        if (Parent is RootNode)
        {
            m.Left!.Add(session.RootTuple);
        }

        return m;
    }

    internal sealed class JoinMemory
    {
        public JoinMemory(bool hashed)
        {
            if (hashed)
            {
                LeftIndex = new Dictionary<object, LinkedSet<Tuple>>();
                LeftKeys = new Dictionary<Tuple, object>(ReferenceEqualityComparer.Instance);
                RightIndex = new Dictionary<object, LinkedSet<Fact>>();
                RightKeys = new Dictionary<Fact, object>(ReferenceEqualityComparer.Instance);
            }
            else
            {
                Left = new LinkedSet<Tuple>();
            }
        }

        public readonly LinkedSet<Tuple>? Left;
        public readonly Dictionary<object, LinkedSet<Tuple>>? LeftIndex;
        public readonly Dictionary<Tuple, object>? LeftKeys;
        public readonly Dictionary<object, LinkedSet<Fact>>? RightIndex;
        public readonly Dictionary<Fact, object>? RightKeys;
        public readonly Dictionary<Tuple, Tuple> LeftChildren = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<Fact, Tuple> RightChildren = new(ReferenceEqualityComparer.Instance);
    }

    private static readonly object NoKey = new();

    private object LeftKeyOf(Session s, Tuple t)
    {
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

    private static void Link(JoinMemory m, Tuple child)
    {
        var left = child.Parent!;
        var fact = child.Fact!;
        if (m.LeftChildren.TryGetValue(left, out var lh))
        {
            child.LeftNext = lh;
            lh.LeftPrev = child;
        }

        m.LeftChildren[left] = child;
        if (m.RightChildren.TryGetValue(fact, out var rh))
        {
            child.RightNext = rh;
            rh.RightPrev = child;
        }

        m.RightChildren[fact] = child;
    }

    private static void UnlinkLeft(JoinMemory m, Tuple child)
    {
        if (child.LeftPrev is null)
        {
            if (child.LeftNext is null)
            {
                m.LeftChildren.Remove(child.Parent!);
            }
            else
            {
                m.LeftChildren[child.Parent!] = child.LeftNext;
            }
        }
        else
        {
            child.LeftPrev.LeftNext = child.LeftNext;
        }

        if (child.LeftNext is not null)
        {
            child.LeftNext.LeftPrev = child.LeftPrev;
        }

        child.LeftPrev = child.LeftNext = null;
    }

    private static void UnlinkRight(JoinMemory m, Tuple child)
    {
        if (child.RightPrev is null)
        {
            if (child.RightNext is null)
            {
                m.RightChildren.Remove(child.Fact!);
            }
            else
            {
                m.RightChildren[child.Fact!] = child.RightNext;
            }
        }
        else
        {
            child.RightPrev.RightNext = child.RightNext;
        }

        if (child.RightNext is not null)
        {
            child.RightNext.RightPrev = child.RightPrev;
        }

        child.RightPrev = child.RightNext = null;
    }

    private void Emit(Session s, JoinMemory m, Tuple t, Fact f)
    {
        var child = new Tuple(t, f, Depth);
        Link(m, child);
        PropagateAssert(s, child);
    }

    public override void AssertLeft(Session s, Tuple t)
    {
        var m = s.Memory<JoinMemory>(this);
        if (Hashed)
        {
            var key = LeftKeyOf(s, t);
            m.LeftKeys![t] = key;
            if (!m.LeftIndex!.TryGetValue(key, out var bucket))
            {
                bucket = new LinkedSet<Tuple>();
                m.LeftIndex.Add(key, bucket);
            }

            bucket.Add(t);
            if (key != NoKey && m.RightIndex!.TryGetValue(key, out var facts))
            {
                foreach (var f in facts)
                {
                    if (Matches(s, t, f))
                    {
                        Emit(s, m, t, f);
                    }
                }
            }
        }
        else
        {
            m.Left!.Add(t);
            foreach (var f in s.Memory<LinkedSet<Fact>>(Right))
            {
                if (Matches(s, t, f))
                {
                    Emit(s, m, t, f);
                }
            }
        }
    }

    public void AssertRight(Session s, Fact f)
    {
        var m = s.Memory<JoinMemory>(this);
        if (Hashed)
        {
            var key = RightKeyOf(s, f);
            m.RightKeys![f] = key;
            if (!m.RightIndex!.TryGetValue(key, out var bucket))
            {
                bucket = new LinkedSet<Fact>();
                m.RightIndex.Add(key, bucket);
            }

            bucket.Add(f);
            if (key != NoKey && m.LeftIndex!.TryGetValue(key, out var tuples))
            {
                foreach (var t in tuples)
                {
                    if (Matches(s, t, f))
                    {
                        Emit(s, m, t, f);
                    }
                }
            }
        }
        else
        {
            foreach (var t in m.Left!)
            {
                if (Matches(s, t, f))
                {
                    Emit(s, m, t, f);
                }
            }
        }
    }

    public override void RetractLeft(Session s, Tuple t)
    {
        var m = s.Memory<JoinMemory>(this);
        if (Hashed)
        {
            if (m.LeftKeys!.Remove(t, out var key) && m.LeftIndex!.TryGetValue(key, out var bucket))
            {
                bucket.Remove(t);
                if (bucket.Count == 0)
                {
                    m.LeftIndex.Remove(key);
                }
            }
        }
        else
        {
            m.Left!.Remove(t);
        }

        if (m.LeftChildren.Remove(t, out var child))
        {
            while (child is not null)
            {
                var next = child.LeftNext;
                child.LeftPrev = child.LeftNext = null;
                UnlinkRight(m, child);
                PropagateRetract(s, child);
                child = next;
            }
        }
    }

    public void RetractRight(Session s, Fact f)
    {
        var m = s.Memory<JoinMemory>(this);
        if (Hashed && m.RightKeys!.Remove(f, out var key) && m.RightIndex!.TryGetValue(key, out var bucket))
        {
            bucket.Remove(f);
            if (bucket.Count == 0)
            {
                m.RightIndex.Remove(key);
            }
        }

        if (m.RightChildren.Remove(f, out var child))
        {
            while (child is not null)
            {
                var next = child.RightNext;
                child.RightPrev = child.RightNext = null;
                UnlinkLeft(m, child);
                PropagateRetract(s, child);
                child = next;
            }
        }
    }

    public override void ModifyLeft(Session s, Tuple t)
    {
        var m = s.Memory<JoinMemory>(this);
        object key = NoKey;
        if (Hashed)
        {
            key = LeftKeyOf(s, t);
            var old = m.LeftKeys![t];
            if (!Equals(old, key))
            {
                var oldBucket = m.LeftIndex![old];
                oldBucket.Remove(t);
                if (oldBucket.Count == 0)
                {
                    m.LeftIndex.Remove(old);
                }

                if (!m.LeftIndex.TryGetValue(key, out var bucket))
                {
                    bucket = new LinkedSet<Tuple>();
                    m.LeftIndex.Add(key, bucket);
                }

                bucket.Add(t);
                m.LeftKeys[t] = key;
            }
        }

        var kept = s.RentFactSet();
        try
        {
            m.LeftChildren.TryGetValue(t, out var child);
            var existing = s.RentTupleList();
            for (; child is not null; child = child.LeftNext)
            {
                existing.Add(child);
            }

            foreach (var c in existing)
            {
                var f = c.Fact!;
                bool ok = (!Hashed || (key != NoKey && Equals(m.RightKeys![f], key))) && Matches(s, t, f);
                if (ok)
                {
                    kept.Add(f);
                    PropagateModify(s, c);
                }
                else
                {
                    UnlinkLeft(m, c);
                    UnlinkRight(m, c);
                    PropagateRetract(s, c);
                }
            }

            s.ReturnTupleList(existing);
            if (Hashed)
            {
                if (key != NoKey && m.RightIndex!.TryGetValue(key, out var facts))
                {
                    foreach (var f in facts)
                    {
                        if (!kept.Contains(f) && Matches(s, t, f))
                        {
                            Emit(s, m, t, f);
                        }
                    }
                }
            }
            else
            {
                foreach (var f in s.Memory<LinkedSet<Fact>>(Right))
                {
                    if (!kept.Contains(f) && Matches(s, t, f))
                    {
                        Emit(s, m, t, f);
                    }
                }
            }
        }
        finally
        {
            s.ReturnFactSet(kept);
        }
    }

    public void ModifyRight(Session s, Fact f)
    {
        var m = s.Memory<JoinMemory>(this);
        object key = NoKey;
        if (Hashed)
        {
            key = RightKeyOf(s, f);
            var old = m.RightKeys![f];
            if (!Equals(old, key))
            {
                var oldBucket = m.RightIndex![old];
                oldBucket.Remove(f);
                if (oldBucket.Count == 0)
                {
                    m.RightIndex.Remove(old);
                }

                if (!m.RightIndex.TryGetValue(key, out var bucket))
                {
                    bucket = new LinkedSet<Fact>();
                    m.RightIndex.Add(key, bucket);
                }

                bucket.Add(f);
                m.RightKeys[f] = key;
            }
        }

        var kept = s.RentTupleSet();
        var existing = s.RentTupleList();
        try
        {
            m.RightChildren.TryGetValue(f, out var child);
            for (; child is not null; child = child.RightNext)
            {
                existing.Add(child);
            }

            foreach (var c in existing)
            {
                var t = c.Parent!;
                bool ok = (!Hashed || (key != NoKey && Equals(m.LeftKeys![t], key))) && Matches(s, t, f);
                if (ok)
                {
                    kept.Add(t);
                    PropagateModify(s, c);
                }
                else
                {
                    UnlinkLeft(m, c);
                    UnlinkRight(m, c);
                    PropagateRetract(s, c);
                }
            }

            if (Hashed)
            {
                if (key != NoKey && m.LeftIndex!.TryGetValue(key, out var tuples))
                {
                    foreach (var t in tuples)
                    {
                        if (!kept.Contains(t) && Matches(s, t, f))
                        {
                            Emit(s, m, t, f);
                        }
                    }
                }
            }
            else
            {
                foreach (var t in m.Left!)
                {
                    if (!kept.Contains(t) && Matches(s, t, f))
                    {
                        Emit(s, m, t, f);
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
        var a = new Activation(this, t, s.NextActivationSequence());
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

/// <summary>The first pattern of a chain: turns each fact of an alpha memory into a one-fact tuple.</summary>
internal sealed class AdapterNode : BetaNode, IRightSink
{
    public AdapterNode(RootNode root, AlphaNode right)
        : base(root, 1) => Right = right;

    public AlphaNode Right { get; }

    public override object CreateMemory(Session session) => new Dictionary<Fact, Tuple>(ReferenceEqualityComparer.Instance);

    public void AssertRight(Session s, Fact f)
    {
        var child = new Tuple(s.RootTuple, f, 1);
        s.Memory<Dictionary<Fact, Tuple>>(this)[f] = child;
        PropagateAssert(s, child);
    }

    public void ModifyRight(Session s, Fact f)
    {
        if (s.Memory<Dictionary<Fact, Tuple>>(this).TryGetValue(f, out var child))
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
        if (s.Memory<Dictionary<Fact, Tuple>>(this).Remove(f, out var child))
        {
            PropagateRetract(s, child);
        }
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
