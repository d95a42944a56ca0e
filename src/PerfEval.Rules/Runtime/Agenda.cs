using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Runtime;

internal sealed class CompiledRule
{
    public CompiledRule(IRuleDefinition definition)
    {
        Definition = definition;
        Priority = definition.Priority;
        Repeatable = definition.Repeatability == RuleRepeatability.Repeatable;
        foreach (var a in definition.RightHandSide)
        {
            if ((a.Trigger & ActionTrigger.Deactivated) != 0)
            {
                HasDeactivationActions = true;
            }
        }
    }

    public IRuleDefinition Definition { get; }

    public int Priority { get; }

    public bool Repeatable { get; }

    public bool HasDeactivationActions { get; }

    public override string ToString() => Definition.Name;
}

internal sealed class CompiledAction
{
    public CompiledAction(ActionElement element, CompiledExpression expression)
    {
        Element = element;
        Expression = expression;
        Trigger = element.Trigger;
    }

    private TupleAction? _invoke;

    public ActionElement Element { get; }

    public CompiledExpression Expression { get; }

    public TupleAction Invoke => _invoke ??= (TupleAction)Expression.Delegate;

    public ActionTrigger Trigger { get; }
}

/// <summary>A match of one rule branch; queued on the agenda until it fires.</summary>
internal sealed class Activation
{
    public Activation(TerminalNode terminal, Tuple tuple, long sequence)
    {
        Terminal = terminal;
        Tuple = tuple;
        Sequence = sequence;
    }

    public TerminalNode Terminal { get; }

    public CompiledRule Rule => Terminal.Rule;

    public Tuple Tuple { get; }

    public long Sequence { get; }

    public Activation? NextForTuple;
    public bool Queued;
    public int QueueStamp;
    public bool HasFired;
    public bool IsRetracted;
    public bool IsDeactivation;
    public Dictionary<object, Fact>? Linked;

    public Activation ForDeactivation() => new(Terminal, Tuple, Sequence) { IsDeactivation = true, HasFired = true, IsRetracted = true };

    public IReadOnlyList<IFactMatch> Facts()
    {
        var slots = Terminal.Slots;
        var result = new IFactMatch[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            result[i] = new FactMatch(slots[i].Declaration, Tuple.GetValue(slots[i].Level));
        }

        return result;
    }

    public object?[] FactValues()
    {
        var slots = Terminal.Slots;
        var result = new object?[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            result[i] = Tuple.GetValue(slots[i].Level);
        }

        return result;
    }
}

internal sealed class FactMatch : IFactMatch
{
    public FactMatch(Declaration declaration, object? value)
    {
        Declaration = declaration;
        Value = value;
    }

    public Declaration Declaration { get; }

    public object? Value { get; }

    public override string ToString() => Declaration.Name + " = " + (Value?.ToString() ?? "null");
}

/// <summary>Activations by priority (higher first), then creation order.</summary>
internal sealed class Agenda : IAgenda
{
    private readonly PriorityQueue<Activation, Key> _queue = new(KeyComparer.Instance);
    private int _count;

    public bool IsEmpty => _count == 0;

    public int Count => _count;

    public void Enqueue(Activation a)
    {
        a.Queued = true;
        a.QueueStamp++;
        _count++;
        _queue.Enqueue(a, new Key(a.Rule.Priority, a.Sequence, a.QueueStamp));
    }

    public void Remove(Activation a)
    {
        if (a.Queued)
        {
            a.Queued = false;
            _count--;
        }
    }

    public Activation? Dequeue()
    {
        while (_queue.TryDequeue(out var a, out var key))
        {
            if (a.Queued && a.QueueStamp == key.Stamp)
            {
                a.Queued = false;
                _count--;
                return a;
            }
        }

        return null;
    }

    private readonly record struct Key(int Priority, long Sequence, int Stamp);

    private sealed class KeyComparer : IComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(Key x, Key y)
        {
            if (x.Priority != y.Priority)
            {
                return y.Priority.CompareTo(x.Priority);
            }

            return x.Sequence.CompareTo(y.Sequence);
        }
    }
}
