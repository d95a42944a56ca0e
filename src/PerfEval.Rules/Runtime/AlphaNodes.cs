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

internal interface IRightSink
{
    void AssertRight(Session s, Fact f);

    void ModifyRight(Session s, Fact f);

    void RetractRight(Session s, Fact f);
}

/// <summary>
/// An alpha node: the type node at the top (tested by the caller, which picks the type nodes a
/// runtime type is assignable to) or a selection node testing one condition on the fact alone.
/// A node with sinks keeps a memory of the facts that reached it.
/// </summary>
internal class AlphaNode : Node
{
    public readonly List<SelectionNode> Children = new();
    public readonly List<IRightSink> Sinks = new();

    public bool HasMemory => Sinks.Count > 0;

    public override object CreateMemory(Session session) => new LinkedSet<Fact>();

    public virtual bool Test(Session s, Fact f) => true;

    public void Assert(Session s, Fact f)
    {
        if (!Test(s, f))
        {
            return;
        }

        if (Sinks.Count > 0)
        {
            s.Memory<LinkedSet<Fact>>(this).Add(f);
            for (int i = 0; i < Sinks.Count; i++)
            {
                Sinks[i].AssertRight(s, f);
            }
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

            if (Sinks.Count > 0)
            {
                var memory = s.Memory<LinkedSet<Fact>>(this);
                for (int i = 0; i < passed.Count; i++)
                {
                    memory.Add(passed[i]);
                }

                for (int k = 0; k < Sinks.Count; k++)
                {
                    var sink = Sinks[k];
                    for (int i = 0; i < passed.Count; i++)
                    {
                        sink.AssertRight(s, passed[i]);
                    }
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

        if (Sinks.Count > 0)
        {
            var mem = s.Memory<LinkedSet<Fact>>(this);
            if (mem.Contains(f))
            {
                for (int i = 0; i < Sinks.Count; i++)
                {
                    Sinks[i].ModifyRight(s, f);
                }
            }
            else
            {
                mem.Add(f);
                for (int i = 0; i < Sinks.Count; i++)
                {
                    Sinks[i].AssertRight(s, f);
                }
            }
        }

        for (int i = 0; i < Children.Count; i++)
        {
            Children[i].Modify(s, f);
        }
    }

    public void Retract(Session s, Fact f)
    {
        if (Sinks.Count > 0 && s.Memory<LinkedSet<Fact>>(this).Remove(f))
        {
            for (int i = Sinks.Count - 1; i >= 0; i--)
            {
                Sinks[i].RetractRight(s, f);
            }
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
