using System.Linq.Expressions;
using System.Reflection;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Fluent.Expressions;

/// <summary>
/// Turns what <see cref="Dsl.Rule.Define"/> recorded into rule-model elements, rewriting every lambda
/// once. Element validation failures become <see cref="RuleDefinitionException"/>s naming the rule class.
/// </summary>
internal sealed class RuleModelTranslator
{
    private static readonly MethodInfo GetLinked = typeof(IContext).GetMethod(nameof(IContext.GetLinked))!;
    private static readonly MethodInfo InsertLinked = typeof(IContext).GetMethod(nameof(IContext.InsertLinked))!;
    private static readonly MethodInfo UpdateLinked = typeof(IContext).GetMethod(nameof(IContext.UpdateLinked))!;

    private readonly DefinitionContext _context;

    private RuleModelTranslator(DefinitionContext context) => _context = context;

    public static IRuleDefinition Translate(DefinitionContext context, RuleMetadata metadata)
    {
        var translator = new RuleModelTranslator(context);
        try
        {
            var lhs = new List<RuleElement>(context.Root.Children.Count);
            foreach (var child in context.Root.Children)
            {
                lhs.Add(translator.Lhs(child));
            }

            var dependencies = new List<DependencyElement>(context.Dependencies.Count);
            foreach (var symbol in context.Dependencies)
            {
                dependencies.Add(Element.Dependency(symbol.Declaration));
            }

            var visible = new List<Symbol>(context.RootScope.Snapshot());
            visible.AddRange(context.DependencyScope.Own);
            var actions = new List<ActionElement>(context.Actions.Count);
            foreach (var action in context.Actions)
            {
                actions.Add(translator.Action(action, visible));
            }

            if (actions.Count == 0)
            {
                throw context.Error("the rule has no action; add one with Then().Do(...) or Then().Yield(...).");
            }

            return Element.RuleDefinition(
                metadata.Name,
                metadata.Description,
                metadata.Priority,
                metadata.Repeatability,
                metadata.Tags,
                null,
                Element.And(lhs),
                Element.DependencyGroup(dependencies),
                actions);
        }
        catch (ArgumentException e)
        {
            throw context.Error(e.Message, e);
        }
    }

    private RuleElement Lhs(LhsNode node)
    {
        switch (node)
        {
            case PatternNode pattern:
                return Pattern(pattern);
            case NotNode not:
                return Element.Not(Pattern(not.Source));
            case ExistsNode exists:
                return Element.Exists(Pattern(exists.Source));
            case ForAllNode all:
                return Element.ForAll(Pattern(all.BasePattern), new[] { Pattern(all.Pattern) });
            case GroupNode group:
                var children = new List<RuleElement>(group.Children.Count);
                foreach (var child in group.Children)
                {
                    children.Add(Lhs(child));
                }

                return group.IsOr ? Element.Or(children) : Element.And(children);
            case BindingNode binding:
                return Element.Binding(binding.Symbol.Declaration, Rewrite(binding.Expression, null));
            case FilterNode filter:
                return Element.Filter(Rewrite(filter.Expression, null));
            default:
                throw new InvalidOperationException("Unknown DSL node " + node.GetType().Name + ".");
        }
    }

    private PatternElement Pattern(PatternNode node)
    {
        var conditions = new List<ConditionElement>(node.Conditions.Count + 1);
        foreach (var condition in node.Conditions)
        {
            conditions.Add(Element.Condition(Rewrite(condition, node.Symbol)));
        }

        AggregateElement? source = null;
        if (node.Source is { } aggregate)
        {
            var expressions = new List<KeyValuePair<string, LambdaExpression>>(aggregate.Expressions.Count);
            foreach (var (name, pending) in aggregate.Expressions)
            {
                expressions.Add(new KeyValuePair<string, LambdaExpression>(name, Rewrite(pending, aggregate.Source.Symbol)));
            }

            source = Element.Aggregate(aggregate.Kind, expressions, Pattern(aggregate.Source));
        }

        return Element.Pattern(node.Symbol.Declaration, conditions, source);
    }

    /// <summary>Rewrites a lambda whose first parameter (if any) stands for <paramref name="own"/>.</summary>
    private LambdaExpression Rewrite(PendingLambda pending, Symbol? own)
    {
        var source = pending.Source;
        var replacements = new Dictionary<ParameterExpression, Expression>();
        var leading = new List<ParameterExpression>(1);
        var owns = new List<Symbol>(1);
        if (own is not null)
        {
            leading.Add(own.Parameter);
            owns.Add(own);
            if (source.Parameters.Count == 1)
            {
                var p = source.Parameters[0];
                replacements.Add(p, p.Type == own.Type ? own.Parameter : Expression.Convert(own.Parameter, p.Type));
            }
        }

        return AliasRewriter.Rewrite(_context, source, leading, replacements, pending.Visible, owns, pending.DeclaredBefore, pending.Role);
    }

    private ActionElement Action(ActionNode node, IReadOnlyList<Symbol> visible)
    {
        var source = node.Source;
        var ctx = source.Parameters[0];
        var context = ctx;
        foreach (var symbol in visible)
        {
            if (string.Equals(symbol.Name, ctx.Name, StringComparison.Ordinal))
            {
                context = Expression.Parameter(typeof(IContext), "ctx$");
                break;
            }
        }

        LambdaExpression raw = node.Kind switch
        {
            ActionKind.Do => source,
            ActionKind.Yield => YieldLambda(source, null, node.YieldKey!),
            _ => YieldLambda(source, node.Update, node.YieldKey!),
        };

        var replacements = new Dictionary<ParameterExpression, Expression> { [raw.Parameters[0]] = context };
        string role = node.Kind == ActionKind.Do ? "an action" : "a Yield action";
        var lambda = AliasRewriter.Rewrite(_context, raw, new[] { context }, replacements, visible, Array.Empty<Symbol>(), int.MaxValue, role);
        return Element.Action(lambda, node.Trigger);
    }

    /// <summary>
    /// (ctx) =&gt; { var previous = ctx.GetLinked(key); if (previous == null) ctx.InsertLinked(key, make(ctx)); else ctx.UpdateLinked(key, remake(ctx, previous)); }
    /// </summary>
    private static LambdaExpression YieldLambda(LambdaExpression insert, LambdaExpression? update, string key)
    {
        var ctx = insert.Parameters[0];
        var previous = Expression.Variable(typeof(object), "previous");
        var keyConstant = Expression.Constant(key, typeof(object));
        Expression made = Expression.Convert(insert.Body, typeof(object));
        Expression remade = made;
        if (update is not null)
        {
            var map = new Dictionary<ParameterExpression, Expression>
            {
                [update.Parameters[0]] = ctx,
                [update.Parameters[1]] = Expression.Convert(previous, update.Parameters[1].Type),
            };
            remade = Expression.Convert(ParameterReplacer.Replace(update.Body, map), typeof(object));
        }

        var body = Expression.Block(
            new[] { previous },
            Expression.Assign(previous, Expression.Call(ctx, GetLinked, keyConstant)),
            Expression.IfThenElse(
                Expression.Equal(previous, Expression.Constant(null, typeof(object))),
                Expression.Call(ctx, InsertLinked, keyConstant, made),
                Expression.Call(ctx, UpdateLinked, keyConstant, remade)));
        return Expression.Lambda<Action<IContext>>(body, ctx);
    }
}
