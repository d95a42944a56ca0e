namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>
/// The aliases visible at one point of a left-hand side. A scope sees its own declarations and its
/// parent's. An alternative of an Or group has its own scope, so aliases it declares are visible
/// after the group only when every alternative declares them.
/// </summary>
internal sealed class Scope
{
    public Scope(Scope? parent, int orGroup = -1, int branch = -1)
    {
        Parent = parent;
        OrGroup = orGroup;
        Branch = branch;
    }

    public Scope? Parent { get; }

    /// <summary>The Or group this scope is an alternative of, or -1.</summary>
    public int OrGroup { get; }

    /// <summary>The alternative's index within <see cref="OrGroup"/>, or -1.</summary>
    public int Branch { get; }

    public List<Symbol> Own { get; } = new();

    public bool IsVisible(Symbol symbol)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.Own.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The visible symbols, in declaration order.</summary>
    public IReadOnlyList<Symbol> Snapshot()
    {
        var list = new List<Symbol>();
        for (var s = this; s is not null; s = s.Parent)
        {
            list.AddRange(s.Own);
        }

        list.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return list;
    }

    /// <summary>
    /// Whether this scope and <paramref name="other"/> lie in different alternatives of the same Or
    /// group, so both may declare the same alias.
    /// </summary>
    public bool IsAlternativeTo(Scope other)
    {
        for (var a = this; a is not null; a = a.Parent)
        {
            if (a.OrGroup < 0)
            {
                continue;
            }

            for (var b = other; b is not null; b = b.Parent)
            {
                if (b.OrGroup == a.OrGroup && b.Branch != a.Branch)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
