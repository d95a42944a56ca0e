using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>
/// A lambda as the rule author wrote it, with what it may see. It is rewritten into a rule-model
/// lambda once, after <see cref="Dsl.Rule.Define"/> returns, when every alias of the rule is known.
/// </summary>
internal sealed class PendingLambda
{
    public PendingLambda(LambdaExpression source, IReadOnlyList<Symbol> visible, int declaredBefore, string role, PatternNode? own = null)
    {
        Source = source;
        Visible = visible;
        DeclaredBefore = declaredBefore;
        Role = role;
        Own = own;
    }

    public LambdaExpression Source { get; }

    /// <summary>Aliases declared before this lambda on its path.</summary>
    public IReadOnlyList<Symbol> Visible { get; }

    /// <summary>Symbols with a smaller index existed when the lambda was written.</summary>
    public int DeclaredBefore { get; }

    /// <summary>Where the lambda sits, for messages (e.g. "a condition of Match&lt;Order&gt;").</summary>
    public string Role { get; }

    /// <summary>The pattern whose fact the lambda's first parameter stands for, if any.</summary>
    public PatternNode? Own { get; }
}

/// <summary>A left-hand side element being defined.</summary>
internal abstract class LhsNode
{
}

internal sealed class PatternNode : LhsNode
{
    public PatternNode(Symbol symbol) => Symbol = symbol;

    /// <summary>The declaration; replaced by the alias when a query ends.</summary>
    public Symbol Symbol { get; set; }

    public List<PendingLambda> Conditions { get; } = new();

    public AggregateNode? Source { get; set; }
}

internal sealed class AggregateNode
{
    public AggregateNode(AggregateKind kind, Type resultType, PatternNode source)
    {
        Kind = kind;
        ResultType = resultType;
        Source = source;
    }

    public AggregateKind Kind { get; }

    public Type ResultType { get; }

    public PatternNode Source { get; }

    public List<KeyValuePair<string, PendingLambda>> Expressions { get; } = new();
}

internal sealed class NotNode : LhsNode
{
    public NotNode(PatternNode source) => Source = source;

    public PatternNode Source { get; }
}

internal sealed class ExistsNode : LhsNode
{
    public ExistsNode(PatternNode source) => Source = source;

    public PatternNode Source { get; }
}

internal sealed class ForAllNode : LhsNode
{
    public ForAllNode(PatternNode basePattern, PatternNode pattern)
    {
        BasePattern = basePattern;
        Pattern = pattern;
    }

    public PatternNode BasePattern { get; }

    public PatternNode Pattern { get; }
}

internal sealed class GroupNode : LhsNode
{
    public GroupNode(bool isOr) => IsOr = isOr;

    public bool IsOr { get; }

    public List<LhsNode> Children { get; } = new();
}

internal sealed class BindingNode : LhsNode
{
    public BindingNode(Symbol symbol, PendingLambda expression)
    {
        Symbol = symbol;
        Expression = expression;
    }

    public Symbol Symbol { get; }

    public PendingLambda Expression { get; }
}

internal sealed class FilterNode : LhsNode
{
    public FilterNode(PendingLambda expression) => Expression = expression;

    public PendingLambda Expression { get; }
}

/// <summary>What an action does.</summary>
internal enum ActionKind
{
    Do,
    Yield,
    YieldWithUpdate,
}

internal sealed class ActionNode
{
    public ActionNode(ActionKind kind, LambdaExpression source, ActionTrigger trigger, LambdaExpression? update = null, string? yieldKey = null)
    {
        Kind = kind;
        Source = source;
        Trigger = trigger;
        Update = update;
        YieldKey = yieldKey;
    }

    public ActionKind Kind { get; }

    public LambdaExpression Source { get; }

    public ActionTrigger Trigger { get; }

    /// <summary>For <see cref="ActionKind.YieldWithUpdate"/>: (ctx, previous) =&gt; replacement.</summary>
    public LambdaExpression? Update { get; }

    public string? YieldKey { get; }
}
