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
    public Activation(TerminalNode terminal, Tuple tuple)
    {
        Terminal = terminal;
        Tuple = tuple;
    }

    public TerminalNode Terminal { get; }

    public CompiledRule Rule => Terminal.Rule;

    public Tuple Tuple { get; }

    public Activation? NextForTuple;
    public Activation? QueuePrev, QueueNext;
    public bool Queued;
    public bool HasFired;
    public bool IsRetracted;
    public bool IsDeactivation;
    public Dictionary<object, Fact>? Linked;

    public Activation ForDeactivation() => new(Terminal, Tuple) { IsDeactivation = true, HasFired = true, IsRetracted = true };

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

/// <summary>
/// Activations by priority (higher first), then in the order they were queued (created, or queued
/// again by an update): one intrusive FIFO list per priority, so queueing and removal are O(1) and
/// allocation-free.
/// </summary>
internal sealed class Agenda : IAgenda
{
    private Bucket[] _buckets = new Bucket[4];
    private int _bucketCount;
    private Bucket? _last;
    private int _count;

    public bool IsEmpty => _count == 0;

    public int Count => _count;

    internal sealed class Bucket
    {
        public Bucket(int priority) => Priority = priority;

        public readonly int Priority;
        public Activation? Head, Tail;
    }

    private Bucket BucketFor(int priority)
    {
        if (_last is not null && _last.Priority == priority)
        {
            return _last;
        }

        int i = 0;
        while (i < _bucketCount && _buckets[i].Priority > priority)
        {
            i++;
        }

        if (i < _bucketCount && _buckets[i].Priority == priority)
        {
            return _last = _buckets[i];
        }

        if (_bucketCount == _buckets.Length)
        {
            Array.Resize(ref _buckets, _bucketCount * 2);
        }

        Array.Copy(_buckets, i, _buckets, i + 1, _bucketCount - i);
        var bucket = new Bucket(priority);
        _buckets[i] = bucket;
        _bucketCount++;
        return _last = bucket;
    }

    public void Enqueue(Activation a)
    {
        var bucket = BucketFor(a.Rule.Priority);
        a.QueuePrev = bucket.Tail;
        a.QueueNext = null;
        if (bucket.Tail is null)
        {
            bucket.Head = a;
        }
        else
        {
            bucket.Tail.QueueNext = a;
        }

        bucket.Tail = a;
        a.Queued = true;
        _count++;
    }

    public void Remove(Activation a)
    {
        if (!a.Queued)
        {
            return;
        }

        var bucket = BucketFor(a.Rule.Priority);
        if (a.QueuePrev is null)
        {
            bucket.Head = a.QueueNext;
        }
        else
        {
            a.QueuePrev.QueueNext = a.QueueNext;
        }

        if (a.QueueNext is null)
        {
            bucket.Tail = a.QueuePrev;
        }
        else
        {
            a.QueueNext.QueuePrev = a.QueuePrev;
        }

        a.QueuePrev = a.QueueNext = null;
        a.Queued = false;
        _count--;
    }

    public Activation? Dequeue()
    {
        if (_count == 0)
        {
            return null;
        }

        for (int i = 0; i < _bucketCount; i++)
        {
            var head = _buckets[i].Head;
            if (head is not null)
            {
                Remove(head);
                return head;
            }
        }

        return null;
    }
}
