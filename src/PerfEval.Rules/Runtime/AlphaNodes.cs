namespace PerfEval.Rules.Runtime;

internal abstract class Node
{
    public int Id;
    public readonly List<CompiledRule> Rules = new();

    public abstract object CreateMemory(Session session);

    public void AddRule(CompiledRule rule)
    {
        if (!Rules.Contains(rule))
        {
            Rules.Add(rule);
        }
    }
}

/// <summary>Receives facts from an alpha node. Modify of an unseen fact asserts it; retract of an unseen fact does nothing.</summary>
internal interface IRightSink
{
    void AssertRight(Session s, Fact f);

    void ModifyRight(Session s, Fact f);

    void RetractRight(Session s, Fact f);
}

/// <summary>
/// An alpha node: the type node at the top (tested by the caller, which picks the type nodes a
/// runtime type is assignable to) or a selection node testing one condition on the fact alone.
/// Alpha nodes keep no memory: their sinks (adapters and joins) keep their own entries per fact, so
/// they tell an update from an insert and ignore retractions of facts they never saw.
/// </summary>
internal class AlphaNode : Node
{
    public readonly List<SelectionNode> Children = new();
    public readonly List<IRightSink> Sinks = new();

    public override object CreateMemory(Session session) => throw new InvalidOperationException("Alpha nodes keep no memory.");

    public virtual bool Test(Session s, Fact f) => true;

    public void Assert(Session s, Fact f)
    {
        if (!Test(s, f))
        {
            return;
        }

        for (int i = 0; i < Sinks.Count; i++)
        {
            Sinks[i].AssertRight(s, f);
        }

        for (int i = 0; i < Children.Count; i++)
        {
            Children[i].Assert(s, f);
        }
    }

    /// <summary>Propagates a batch: each node tests the whole batch, then passes the survivors on, sink by sink.</summary>
    public void AssertAll(Session s, List<Fact> facts)
    {
        var passed = s.RentFactList();
        try
        {
            for (int i = 0; i < facts.Count; i++)
            {
                if (Test(s, facts[i]))
                {
                    passed.Add(facts[i]);
                }
            }

            if (passed.Count == 0)
            {
                return;
            }

            for (int k = 0; k < Sinks.Count; k++)
            {
                var sink = Sinks[k];
                for (int i = 0; i < passed.Count; i++)
                {
                    sink.AssertRight(s, passed[i]);
                }
            }

            for (int i = 0; i < Children.Count; i++)
            {
                Children[i].AssertAll(s, passed);
            }
        }
        finally
        {
            s.ReturnFactList(passed);
        }
    }

    public void Modify(Session s, Fact f)
    {
        if (!Test(s, f))
        {
            Retract(s, f);
            return;
        }

        for (int i = 0; i < Sinks.Count; i++)
        {
            Sinks[i].ModifyRight(s, f);
        }

        for (int i = 0; i < Children.Count; i++)
        {
            Children[i].Modify(s, f);
        }
    }

    public void Retract(Session s, Fact f)
    {
        for (int i = Sinks.Count - 1; i >= 0; i--)
        {
            Sinks[i].RetractRight(s, f);
        }

        for (int i = 0; i < Children.Count; i++)
        {
            Children[i].Retract(s, f);
        }
    }
}

internal sealed class TypeNode : AlphaNode
{
    public TypeNode(Type type) => Type = type;

    public Type Type { get; }
}

internal sealed class SelectionNode : AlphaNode
{
    private TuplePredicate? _predicate;

    public SelectionNode(CompiledExpression condition) => Condition = condition;

    public CompiledExpression Condition { get; }

    public override bool Test(Session s, Fact f)
    {
        try
        {
            return (_predicate ??= (TuplePredicate)Condition.Delegate)(null, f.Object);
        }
        catch (Exception ex)
        {
            s.OnLhsError(ex, Condition, this, null, f.Object);
            return false;
        }
    }
}
