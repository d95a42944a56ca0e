using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;
using PerfEval.Rules.Runtime;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

public sealed class NetworkBuilderTests
{
    private static Network NetworkOf(params IRuleDefinition[] rules) => ((SessionFactory)new RuleCompiler().Compile(rules)).Network;

    private static IEnumerable<Node> AllNodes(Network network)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>();
        stack.Push(network.Root);
        foreach (var t in network.RootsFor(typeof(object)))
        {
            stack.Push(t);
        }

        foreach (var type in new[] { typeof(Order), typeof(Customer), typeof(Refund) })
        {
            foreach (var t in network.RootsFor(type))
            {
                stack.Push(t);
            }
        }

        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n))
            {
                continue;
            }

            if (n is AlphaNode a)
            {
                a.Children.ForEach(stack.Push);
                a.Sinks.OfType<Node>().ToList().ForEach(stack.Push);
            }

            if (n is BetaNode b)
            {
                b.Sinks.OfType<Node>().ToList().ForEach(stack.Push);
            }
        }

        return seen;
    }

    [Fact]
    public void Equality_conditions_between_patterns_become_hash_keys()
    {
        var rule = Rule("join", P<Customer>("c"), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id && o.Amount > 1)))
            .Action(Do(ctx => ctx.Halt())).Build();
        var nodes = AllNodes(NetworkOf(rule)).ToList();
        Assert.Single(nodes.OfType<AdapterNode>());
        var orderJoin = Assert.Single(nodes.OfType<JoinNode>());
        Assert.True(orderJoin.Hashed);

        // o.Amount > 1 follows the equality inside one lambda, so it stays behind it (in the join).
        Assert.Single(orderJoin.Conditions);
        Assert.IsType<TypeNode>(orderJoin.Right);

        // As a condition of its own it goes to the alpha network.
        var separate = Rule("join2", P<Customer>("c"), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id), X<Order>(o => o.Amount > 1)))
            .Action(Do(ctx => ctx.Halt())).Build();
        var join2 = Assert.Single(AllNodes(NetworkOf(separate)).OfType<JoinNode>());
        Assert.True(join2.Hashed);
        Assert.Empty(join2.Conditions);
        Assert.IsType<SelectionNode>(join2.Right);
    }

    [Fact]
    public void Structurally_equal_conditions_share_alpha_and_beta_nodes_across_rules()
    {
        // Different parameter names, same structure: one alpha node, one join.
        var a = Rule("a", P<Customer>("c", X<Customer>(c => c.IsPreferred)), P<Order>("o", X<Order, Customer>((o, c) => o.CustomerId == c.Id))).Action(Do(ctx => ctx.Halt())).Build();
        var b = Rule("b", P<Customer>("x", X<Customer>(x => x.IsPreferred)), P<Order>("y", X<Order, Customer>((y, x) => y.CustomerId == x.Id))).Action(Do(ctx => ctx.Halt())).Build();
        var nodes = AllNodes(NetworkOf(a, b)).ToList();
        Assert.Single(nodes.OfType<SelectionNode>());
        Assert.Single(nodes.OfType<AdapterNode>());
        Assert.Equal(2, nodes.OfType<TerminalNode>().Count());
        var shared = Assert.Single(nodes.OfType<JoinNode>());
        Assert.Equal(new[] { "a", "b" }, shared.Rules.Select(r => r.Definition.Name));
    }

    [Fact]
    public void Compiled_delegates_are_cached_by_structure()
    {
        var rules = Enumerable.Range(0, 50).Select(i =>
            (IRuleDefinition)Rule("r" + i, P<Order>("o", X<Order>(o => o.Amount > 0))).Action(Do<Order>((ctx, o) => ctx.Halt())).Build()).ToArray();
        var factory = (SessionFactory)new RuleCompiler().Compile(rules);
        var terminals = AllNodes(factory.Network).OfType<TerminalNode>().ToList();
        Assert.Equal(50, terminals.Count);
        Assert.Single(terminals.Select(t => t.Actions[0].Invoke).Distinct());
    }

    [Fact]
    public void Session_memories_are_created_lazily()
    {
        var rules = Enumerable.Range(0, 300).Select(i =>
            (IRuleDefinition)Rule("r" + i, P<Order>("o", (Expression<Func<Order, bool>>)(o => o.Amount > i))).Action(Do(ctx => ctx.Halt())).Build()).ToArray();
        var factory = (SessionFactory)new RuleCompiler().Compile(rules);
        Assert.True(factory.Network.NodeCount > 600);
        var session = (Session)factory.CreateSession();
        var memories = (object?[]?[])typeof(Session).GetField("_memories", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(session)!;
        Assert.All(memories, chunk => Assert.Null(chunk));
        Assert.True(memories.Length <= (factory.Network.NodeCount / 64) + 1);
    }
}
