using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;
using PerfEval.Rules.Tests.Fluent.EndToEnd;

namespace PerfEval.Rules.Tests.Fluent;

/// <summary>Properties every definition the fluent DSL makes has (its public surface is in PublicApi/).</summary>
public sealed class FluentPublicApiTests
{
    private static Type[] ScenarioRuleTypes() =>
        typeof(JoinInvoiceRule).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(JoinInvoiceRule).Namespace && !t.IsAbstract && typeof(Rule).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();

    public static TheoryData<Type> ScenarioRules()
    {
        var data = new TheoryData<Type>();
        foreach (var type in ScenarioRuleTypes())
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioRules))]
    public void No_alias_is_left_as_a_closure_read_in_any_lambda(Type ruleType)
    {
        var rule = new RuleDefinitionFactory().Create((Rule)Activator.CreateInstance(ruleType)!);
        foreach (var lambda in Lambdas(rule))
        {
            var closures = new ClosureFinder();
            closures.Visit(lambda);
            Assert.True(closures.Found.Count == 0, ruleType.Name + ": " + lambda + " still reads " + string.Join(", ", closures.Found));
            Assert.All(lambda.Parameters, p => Assert.False(string.IsNullOrEmpty(p.Name)));
        }
    }

    [Fact]
    public void Definitions_can_be_made_on_many_threads_at_once()
    {
        var types = ScenarioRuleTypes();
        Assert.True(types.Length > 20);
        var factory = new RuleDefinitionFactory();
        var results = new string[8][];
        Parallel.For(0, 8, i =>
        {
            results[i] = types.Select(t => factory.Create((Rule)Activator.CreateInstance(t)!))
                .Select(d => d.Name + ":" + d.LeftHandSide.ChildElements.Count + ":" + d.RightHandSide.Count)
                .ToArray();
        });
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(types.Length, results[0].Length);
    }

    private static IEnumerable<LambdaExpression> Lambdas(IRuleDefinition rule)
    {
        foreach (var action in rule.RightHandSide)
        {
            yield return action.Expression;
        }

        var stack = new Stack<RuleElement>(rule.LeftHandSide.ChildElements);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case PatternElement p:
                    foreach (var c in p.Conditions)
                    {
                        yield return c.Expression;
                    }

                    if (p.Source is { } a)
                    {
                        foreach (var e in a.Expressions.Values)
                        {
                            yield return e;
                        }

                        stack.Push(a.Source);
                    }

                    break;
                case NotElement n:
                    stack.Push(n.Source);
                    break;
                case ExistsElement x:
                    stack.Push(x.Source);
                    break;
                case ForAllElement f:
                    stack.Push(f.BasePattern);
                    foreach (var p in f.Patterns)
                    {
                        stack.Push(p);
                    }

                    break;
                case AndElement and:
                    foreach (var c in and.ChildElements)
                    {
                        stack.Push(c);
                    }

                    break;
                case OrElement or:
                    foreach (var c in or.ChildElements)
                    {
                        stack.Push(c);
                    }

                    break;
                case BindingElement b:
                    yield return b.Expression;
                    break;
                case FilterElement f:
                    yield return f.Expression;
                    break;
            }
        }
    }

    /// <summary>Finds reads of compiler-generated closure objects (captured locals of Define).</summary>
    private sealed class ClosureFinder : ExpressionVisitor
    {
        public List<string> Found { get; } = new();

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is not null && node.Value.GetType().IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            {
                Found.Add(node.Value.GetType().Name);
            }

            return node;
        }
    }
}
