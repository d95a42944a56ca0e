namespace PerfEval.Rules.RuleModel;

/// <summary>
/// Base of every element of a rule's left-hand or right-hand side.
/// </summary>
/// <remarks>Elements are immutable and thread-safe; they are made through <see cref="Element"/>.</remarks>
public abstract class RuleElement
{
    private protected RuleElement(IReadOnlyCollection<Declaration> exports, IReadOnlyCollection<Declaration> imports)
    {
        Exports = exports;
        Imports = imports;
    }

    /// <summary>Declarations this element makes visible to the elements after it.</summary>
    public IReadOnlyCollection<Declaration> Exports { get; }

    /// <summary>Declarations this element uses (named by its lambdas' parameters or made by its children).</summary>
    public IReadOnlyCollection<Declaration> Imports { get; }

    internal static IReadOnlyCollection<Declaration> ParameterDeclarations(System.Linq.Expressions.LambdaExpression expression, int skip = 0)
    {
        var list = new List<Declaration>(expression.Parameters.Count);
        for (int i = skip; i < expression.Parameters.Count; i++)
        {
            var p = expression.Parameters[i];
            list.Add(new Declaration(p.Type, p.Name ?? string.Empty));
        }

        return list.AsReadOnly();
    }

    internal static IReadOnlyCollection<Declaration> Union(IEnumerable<RuleElement> elements, bool exports)
    {
        var set = new List<Declaration>();
        foreach (var e in elements)
        {
            foreach (var d in exports ? e.Exports : e.Imports)
            {
                if (!set.Contains(d))
                {
                    set.Add(d);
                }
            }
        }

        return set.AsReadOnly();
    }

    internal static readonly IReadOnlyCollection<Declaration> None = Array.Empty<Declaration>();
}
