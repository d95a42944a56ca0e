using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PerfEval.Rules.Events;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Runtime;

internal sealed class Network
{
    private readonly TypeNode[] _typeNodes;
    private readonly ConcurrentDictionary<Type, TypeNode[]> _roots = new();

    public Network(RootNode root, int nodeCount, TypeNode[] typeNodes)
    {
        Root = root;
        NodeCount = nodeCount;
        _typeNodes = typeNodes;
    }

    public RootNode Root { get; }

    public int NodeCount { get; }

    public TypeNode[] RootsFor(Type type)
    {
        if (_roots.TryGetValue(type, out var roots))
        {
            return roots;
        }

        return _roots.GetOrAdd(type, static (t, nodes) =>
        {
            var list = new List<TypeNode>();
            foreach (var n in nodes)
            {
                if (n.Type.IsAssignableFrom(t))
                {
                    list.Add(n);
                }
            }

            return list.ToArray();
        }, _typeNodes);
    }
}

internal sealed class SessionFactory : ISessionFactory
{
    private volatile IDependencyResolver? _resolver;

    public SessionFactory(Network network, IReadOnlyList<IRuleDefinition> rules)
    {
        Network = network;
        Rules = rules;
    }

    public Network Network { get; }

    public IReadOnlyList<IRuleDefinition> Rules { get; }

    public EventAggregator EventsInternal { get; } = new();

    public IEventProvider Events => EventsInternal;

    public IDependencyResolver? DependencyResolver
    {
        get => _resolver;
        set => _resolver = value;
    }

    public ISession CreateSession() => new Session(this);
}

internal sealed class Session : ISession
{
    private readonly SessionFactory _factory;
    private readonly Network _network;
    private readonly object?[]?[] _memories;
    private readonly Dictionary<object, Fact> _facts = new(FactIdentityComparer.Instance);
    private EventAggregator? _events;
    private ActionContext? _context;
    private readonly EventAggregator _factoryEvents;
    private readonly Queue<Fact> _pendingLinked = new();
    private readonly Stack<HashSet<Fact>> _factSets = new();
    private readonly Stack<HashSet<Tuple>> _tupleSets = new();
    private readonly Stack<List<Tuple>> _tupleLists = new();
    private Fact? _head, _tail;
    private bool _started, _halted;
    private int _depth;

    public Session(SessionFactory factory)
    {
        _factory = factory;
        _network = factory.Network;
        _memories = new object?[]?[(_network.NodeCount >> 6) + 1];
        _factoryEvents = factory.EventsInternal;
        DependencyResolver = factory.DependencyResolver;
    }

    public readonly Tuple RootTuple = Tuple.CreateRoot();
    public readonly Agenda AgendaInternal = new();

    public IEventProvider Events => _events ??= new EventAggregator();

    public IAgenda Agenda
    {
        get
        {
            Start();
            return AgendaInternal;
        }
    }

    public IDependencyResolver? DependencyResolver { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Memory<T>(Node node)
        where T : class
    {
        int id = node.Id;
        var chunk = _memories[id >> 6];
        if (chunk is null)
        {
            chunk = new object?[64];
            _memories[id >> 6] = chunk;
        }

        var m = chunk[id & 63];
        if (m is null)
        {
            m = node.CreateMemory(this);
            chunk[id & 63] = m;
        }

        return Unsafe.As<T>(m);
    }

    public HashSet<Fact> RentFactSet() => _factSets.Count > 0 ? _factSets.Pop() : new HashSet<Fact>(ReferenceEqualityComparer.Instance);

    public void ReturnFactSet(HashSet<Fact> set)
    {
        set.Clear();
        _factSets.Push(set);
    }

    public HashSet<Tuple> RentTupleSet() => _tupleSets.Count > 0 ? _tupleSets.Pop() : new HashSet<Tuple>(ReferenceEqualityComparer.Instance);

    public void ReturnTupleSet(HashSet<Tuple> set)
    {
        set.Clear();
        _tupleSets.Push(set);
    }

    private readonly Stack<List<Fact>> _factLists = new();

    public List<Fact> RentFactList() => _factLists.Count > 0 ? _factLists.Pop() : new List<Fact>();

    public void ReturnFactList(List<Fact> list)
    {
        list.Clear();
        _factLists.Push(list);
    }

    public List<Tuple> RentTupleList() => _tupleLists.Count > 0 ? _tupleLists.Pop() : new List<Tuple>();

    public void ReturnTupleList(List<Tuple> list)
    {
        list.Clear();
        _tupleLists.Push(list);
    }

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            _depth++;
            try
            {
                _network.Root.Start(this, RootTuple);
            }
            finally
            {
                EndOperation();
            }
        }
    }

    /// <summary>The number of entries held in all node memories (for leak checks in tests).</summary>
    internal int CountMemoryEntries()
    {
        Start();
        int total = 0;
        foreach (var chunk in _memories)
        {
            if (chunk is null)
            {
                continue;
            }

            foreach (var memory in chunk)
            {
                total += memory switch
                {
                    null => 0,
                    JoinNode.JoinMemory join => join.Lefts.Count + join.Rights.Count + (join.LeftIndex?.Count ?? 0) + (join.RightIndex?.Count ?? 0),
                    HashSet<Tuple> tuples => tuples.Count,
                    System.Collections.ICollection collection => collection.Count,
                    _ => throw new InvalidOperationException("Unknown memory " + memory.GetType().Name),
                };
            }
        }

        return total;
    }

    // ---- working memory -------------------------------------------------------------------

    public void Insert(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        Start();
        if (_facts.ContainsKey(fact))
        {
            throw new ArgumentException("The fact is already in working memory: " + Describe(fact), nameof(fact));
        }

        _depth++;
        try
        {
            InsertCore(fact, null, null);
        }
        finally
        {
            EndOperation();
        }
    }

    public void InsertAll(IEnumerable<object> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Start();
        _depth++;
        var batch = RentFactList();
        bool validated = false;
        try
        {
            // Validate while adding to the index; if anything goes wrong, take back what was added.
            foreach (var o in facts)
            {
                ArgumentNullException.ThrowIfNull(o, nameof(facts));
                if (_facts.ContainsKey(o))
                {
                    throw new ArgumentException("The fact is already in working memory or given twice: " + Describe(o), nameof(facts));
                }

                var f = new Fact(o);
                _facts.Add(o, f);
                batch.Add(f);
            }

            validated = true;
            InsertBatch(batch);
        }
        finally
        {
            if (!validated)
            {
                foreach (var added in batch)
                {
                    _facts.Remove(added.Object!);
                }
            }

            ReturnFactList(batch);
            EndOperation();
        }
    }

    /// <summary>
    /// Inserts facts already added to the index as one batch: they join the working-memory list, then
    /// each run of facts of one runtime type goes through the alpha network together (see <see cref="AlphaNode.AssertAll"/>).
    /// </summary>
    private void InsertBatch(List<Fact> batch)
    {
        bool events = HasFactEvents;
        if (events)
        {
            foreach (var f in batch)
            {
                RaiseFact(FactEvent.Inserting, f.Object!);
            }
        }

        foreach (var f in batch)
        {
            f.Prev = _tail;
            if (_tail is null)
            {
                _head = f;
            }
            else
            {
                _tail.Next = f;
            }

            _tail = f;
        }

        var run = RentFactList();
        try
        {
            for (int i = 0; i < batch.Count;)
            {
                var type = batch[i].Object!.GetType();
                run.Clear();
                while (i < batch.Count && batch[i].Object!.GetType() == type)
                {
                    run.Add(batch[i++]);
                }

                var roots = _network.RootsFor(type);
                for (int r = 0; r < roots.Length; r++)
                {
                    roots[r].AssertAll(this, run);
                }
            }
        }
        finally
        {
            ReturnFactList(run);
        }

        if (events)
        {
            foreach (var f in batch)
            {
                RaiseFact(FactEvent.Inserted, f.Object!);
            }
        }
    }

    public bool TryInsert(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (_facts.ContainsKey(fact))
        {
            return false;
        }

        Insert(fact);
        return true;
    }

    public int TryInsertAll(IEnumerable<object> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var list = new List<object>();
        var seen = new HashSet<object>(FactIdentityComparer.Instance);
        foreach (var f in facts)
        {
            ArgumentNullException.ThrowIfNull(f, nameof(facts));
            if (!_facts.ContainsKey(f) && seen.Add(f))
            {
                list.Add(f);
            }
        }

        InsertAll(list);
        return list.Count;
    }

    public void Update(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        Start();
        if (!_facts.TryGetValue(fact, out var f))
        {
            throw new ArgumentException("The fact is not in working memory: " + Describe(fact), nameof(fact));
        }

        _depth++;
        try
        {
            UpdateCore(f, fact);
        }
        finally
        {
            EndOperation();
        }
    }

    public void UpdateAll(IEnumerable<object> facts)
    {
        var list = Validate(facts, nameof(facts), mustExist: true);
        Start();
        _depth++;
        try
        {
            foreach (var o in list)
            {
                UpdateCore(_facts[o], o);
            }
        }
        finally
        {
            EndOperation();
        }
    }

    public bool TryUpdate(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!_facts.ContainsKey(fact))
        {
            return false;
        }

        Update(fact);
        return true;
    }

    public void Retract(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        Start();
        if (!_facts.TryGetValue(fact, out var f))
        {
            throw new ArgumentException("The fact is not in working memory: " + Describe(fact), nameof(fact));
        }

        _depth++;
        try
        {
            RetractCore(f);
        }
        finally
        {
            EndOperation();
        }
    }

    public void RetractAll(IEnumerable<object> facts)
    {
        var list = Validate(facts, nameof(facts), mustExist: true);
        Start();
        _depth++;
        try
        {
            foreach (var o in list)
            {
                if (_facts.TryGetValue(o, out var f))
                {
                    RetractCore(f);
                }
            }
        }
        finally
        {
            EndOperation();
        }
    }

    public bool TryRetract(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!_facts.ContainsKey(fact))
        {
            return false;
        }

        Retract(fact);
        return true;
    }

    private List<object> Validate(IEnumerable<object> facts, string paramName, bool mustExist)
    {
        ArgumentNullException.ThrowIfNull(facts, paramName);
        var list = facts is ICollection<object> c ? new List<object>(c.Count) : new List<object>();
        var seen = new HashSet<object>(FactIdentityComparer.Instance);
        foreach (var f in facts)
        {
            ArgumentNullException.ThrowIfNull(f, paramName);
            if (!seen.Add(f))
            {
                throw new ArgumentException("The fact is given twice: " + Describe(f), paramName);
            }

            if (_facts.ContainsKey(f) != mustExist)
            {
                throw new ArgumentException((mustExist ? "The fact is not in working memory: " : "The fact is already in working memory: ") + Describe(f), paramName);
            }

            list.Add(f);
        }

        return list;
    }

    private bool HasFactEvents => (_events is not null && _events.HasFactHandlers) || _factoryEvents.HasFactHandlers;

    private bool HasAgendaEvents => (_events is not null && _events.HasAgendaHandlers) || _factoryEvents.HasAgendaHandlers;

    private void RaiseFact(FactEvent kind, object fact)
    {
        var args = new WorkingMemoryEventArgs(fact);
        _events?.Raise(kind, this, args);
        _factoryEvents.Raise(kind, this, args);
    }

    internal Fact InsertCore(object fact, Activation? owner, object? key)
    {
        bool events = HasFactEvents;
        if (events)
        {
            RaiseFact(FactEvent.Inserting, fact);
        }

        var f = new Fact(fact) { Owner = owner, LinkKey = key };
        _facts.Add(fact, f);
        f.Prev = _tail;
        if (_tail is null)
        {
            _head = f;
        }
        else
        {
            _tail.Next = f;
        }

        _tail = f;
        var roots = _network.RootsFor(fact.GetType());
        for (int i = 0; i < roots.Length; i++)
        {
            roots[i].Assert(this, f);
        }

        if (events)
        {
            RaiseFact(FactEvent.Inserted, fact);
        }

        return f;
    }

    internal void UpdateCore(Fact f, object fact)
    {
        bool events = HasFactEvents;
        if (events)
        {
            RaiseFact(FactEvent.Updating, fact);
        }

        var old = f.Object!;
        if (!ReferenceEquals(old, fact))
        {
            _facts.Remove(old);
            _facts.Add(fact, f);
        }

        f.Object = fact;
        var oldType = old.GetType();
        var newType = fact.GetType();
        if (oldType == newType)
        {
            var roots = _network.RootsFor(newType);
            for (int i = 0; i < roots.Length; i++)
            {
                roots[i].Modify(this, f);
            }
        }
        else
        {
            foreach (var r in _network.RootsFor(oldType))
            {
                r.Retract(this, f);
            }

            foreach (var r in _network.RootsFor(newType))
            {
                r.Assert(this, f);
            }
        }

        if (events)
        {
            RaiseFact(FactEvent.Updated, fact);
        }
    }

    internal void RetractCore(Fact f)
    {
        var fact = f.Object!;
        bool events = HasFactEvents;
        if (events)
        {
            RaiseFact(FactEvent.Retracting, fact);
        }

        _facts.Remove(fact);
        if (f.Prev is null)
        {
            _head = f.Next;
        }
        else
        {
            f.Prev.Next = f.Next;
        }

        if (f.Next is null)
        {
            _tail = f.Prev;
        }
        else
        {
            f.Next.Prev = f.Prev;
        }

        f.Prev = f.Next = null;
        var roots = _network.RootsFor(fact.GetType());
        for (int i = 0; i < roots.Length; i++)
        {
            roots[i].Retract(this, f);
        }

        if (f.Owner is not null)
        {
            f.Owner.Linked?.Remove(f.LinkKey!);
            f.Owner = null;
        }

        if (events)
        {
            RaiseFact(FactEvent.Retracted, fact);
        }
    }

    public void InsertLinked(Activation owner, object key, object fact)
    {
        Start();
        if (_facts.ContainsKey(fact))
        {
            throw new ArgumentException("The fact is already in working memory: " + Describe(fact), nameof(fact));
        }

        _depth++;
        try
        {
            var f = InsertCore(fact, owner, key);
            owner.Linked ??= new Dictionary<object, Fact>();
            owner.Linked[key] = f;
            if (owner.IsRetracted)
            {
                ReleaseLinked(owner);
            }
        }
        finally
        {
            EndOperation();
        }
    }

    private void EndOperation()
    {
        if (_depth == 1)
        {
            try
            {
                while (_pendingLinked.Count > 0)
                {
                    var f = _pendingLinked.Dequeue();
                    if (f.Object is not null && _facts.TryGetValue(f.Object, out var current) && ReferenceEquals(current, f))
                    {
                        RetractCore(f);
                    }
                }
            }
            finally
            {
                _depth--;
            }
        }
        else
        {
            _depth--;
        }
    }

    /// <summary>Schedules the linked facts of a deleted activation for retraction at the end of the current operation.</summary>
    public void ReleaseLinked(Activation a)
    {
        if (a.Linked is null || a.Linked.Count == 0)
        {
            return;
        }

        foreach (var f in a.Linked.Values)
        {
            _pendingLinked.Enqueue(f);
        }

        a.Linked.Clear();
    }

    public IEnumerable<T> Query<T>()
    {
        Start();
        var list = new List<T>();
        for (var f = _head; f is not null; f = f.Next)
        {
            if (f.Object is T t)
            {
                list.Add(t);
            }
        }

        return list;
    }

    // ---- agenda and firing ----------------------------------------------------------------

    public void OnActivationCreated(Activation a)
    {
        if (HasAgendaEvents)
        {
            RaiseAgenda(AgendaEvent.Created, a);
        }
    }

    public void OnActivationUpdated(Activation a)
    {
        if (HasAgendaEvents)
        {
            RaiseAgenda(AgendaEvent.Updated, a);
        }
    }

    public void OnActivationDeleted(Activation a)
    {
        if (HasAgendaEvents)
        {
            RaiseAgenda(AgendaEvent.Deleted, a);
        }
    }

    private void RaiseAgenda(AgendaEvent kind, Activation a)
    {
        var args = new AgendaEventArgs(a.Rule.Definition, a.Facts());
        _events?.Raise(kind, this, args);
        _factoryEvents.Raise(kind, this, args);
    }

    public int Fire() => Fire(int.MaxValue, CancellationToken.None);

    public int Fire(int maxRulesNumber) => Fire(maxRulesNumber, CancellationToken.None);

    public int Fire(CancellationToken cancellationToken) => Fire(int.MaxValue, cancellationToken);

    public int Fire(int maxRulesNumber, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRulesNumber);
        Start();
        _halted = false;
        int fired = 0;
        var ctx = _context ??= new ActionContext(this);
        while (fired < maxRulesNumber && !_halted && !cancellationToken.IsCancellationRequested)
        {
            var a = AgendaInternal.Dequeue();
            if (a is null)
            {
                break;
            }

            FireActivation(ctx, a);
            fired++;
        }

        return fired;
    }

    private void FireActivation(ActionContext ctx, Activation a)
    {
        var trigger = a.IsDeactivation ? ActionTrigger.Deactivated : a.HasFired ? ActionTrigger.Reactivated : ActionTrigger.Activated;
        a.HasFired = true;
        var previous = ctx.Activation;
        ctx.Activation = a;
        bool events = HasAgendaEvents;
        if (events)
        {
            RaiseAgenda(AgendaEvent.Firing, a);
        }

        var actions = a.Terminal.Actions;
        for (int i = 0; i < actions.Length; i++)
        {
            var action = actions[i];
            if ((action.Trigger & trigger) == 0)
            {
                continue;
            }

            try
            {
                action.Invoke(ctx, a.Tuple);
            }
            catch (Exception ex) when (ex is not RuleExecutionException)
            {
                var args = new RhsExpressionErrorEventArgs(ex, action.Element.Expression, a.Rule.Definition, a.Facts());
                _events?.Raise(this, args);
                _factoryEvents.Raise(this, args);
                if (args.IsHandled)
                {
                    break;
                }

                var values = a.FactValues();
                throw new RuleRhsExpressionEvaluationException(
                    string.Format(CultureInfo.InvariantCulture, "Rule '{0}': action {1} failed on facts {2}: {3}", a.Rule.Definition.Name, action.Element.Expression, DescribeAll(values), ex.Message),
                    a.Rule.Definition.Name,
                    action.Element.Expression.ToString(),
                    values,
                    ex);
            }
        }

        ctx.Activation = previous;
        if (events)
        {
            RaiseAgenda(AgendaEvent.Fired, a);
        }
    }

    public void Halt() => _halted = true;

    // ---- errors -------------------------------------------------------------------------

    /// <summary>Reports a failed left-hand-side expression; returns if a handler marked it handled, else throws.</summary>
    public void OnLhsError(Exception ex, CompiledExpression expression, Node node, Tuple? t, object? f)
    {
        var rules = new IRuleDefinition[node.Rules.Count];
        for (int i = 0; i < rules.Length; i++)
        {
            rules[i] = node.Rules[i].Definition;
        }

        var values = expression.Arguments(t, f);
        var args = new LhsExpressionErrorEventArgs(ex, expression.Shown, rules, values);
        _events?.Raise(this, args);
        _factoryEvents.Raise(this, args);
        if (args.IsHandled)
        {
            return;
        }

        var names = string.Join(", ", rules.Select(r => r.Name));
        throw new RuleLhsExpressionEvaluationException(
            string.Format(CultureInfo.InvariantCulture, "Rule '{0}': condition {1} failed on facts {2}: {3}", names, expression.Shown, DescribeAll(values), ex.Message),
            names,
            expression.Shown.ToString(),
            values,
            ex);
    }

    private static string Describe(object? o) => o is null ? "null" : o.GetType().Name + " " + Convert.ToString(o, CultureInfo.InvariantCulture);

    private static string DescribeAll(IReadOnlyList<object?> values)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(Describe(values[i]));
        }

        return sb.Append(']').ToString();
    }
}
