using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PerfEval.Rules.RuleModel;
using static PerfEval.Rules.Tests.R;

namespace PerfEval.Rules.Tests.Runtime;

/// <summary>
/// Property: for random rule definitions over three fact types and random sequences of
/// insert/update/retract, the matches the Rete network holds equal those a naive nested-loop
/// evaluation of the same definitions finds.
/// Generator: 1–3 rules, each a pattern over FA with an optional alpha condition, an optional FB
/// pattern joined on K (hash join) with optional alpha and inequality conditions, optional Not(FC
/// on K), optional Exists(FC on V), an optional Count/Collect/Sum/Max/GroupBy aggregate of FB on K with an
/// optional threshold, optionally a second such aggregate after it (of FB on K, or of every FB) with its own
/// threshold, an optional Let/Having, an optional Or (FB or FC on K, one branch each) and an
/// optional ForAll (every FB on K has V above a threshold); then 1–40 operations on facts with K in 0..2 and
/// V in 0..3. 1000 cases. Each rule records its matches as linked facts (inserted on activation,
/// replaced on reactivation, retracted automatically when the match goes), so after Fire() the
/// recorded set is exactly the set of live matches with their current aggregate values.
/// FsCheck prints the counterexample and the seed to replay on failure.
/// </summary>
public sealed class ReteConformanceTests
{
    public abstract class F
    {
        public int Id { get; init; }

        public int K { get; set; }

        public int V { get; set; }

        public override string ToString() => GetType().Name + Id.ToString(CultureInfo.InvariantCulture) + "(K" + K.ToString(CultureInfo.InvariantCulture) + ",V" + V.ToString(CultureInfo.InvariantCulture) + ")";
    }

    public sealed class FA : F
    {
    }

    public sealed class FB : F
    {
    }

    public sealed class FC : F
    {
    }

    public sealed class MatchRecord
    {
        public MatchRecord(string signature) => Signature = signature;

        public string Signature { get; }
    }

    /// <summary>A random rule. Thresholds of -9 mean "no such condition".</summary>
    public sealed record RuleSpec(int AlphaA, bool HasB, int AlphaB, bool BNotEqual, bool HasNot, int AlphaC, bool HasExists, int Aggregate, int Having, int LetMin, bool HasOr, int ForAllMin, int Aggregate2 = 0, int Having2 = None, bool Aggregate2OnK = true)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"[A>{AlphaA} B:{HasB}(<{AlphaB},neq:{BNotEqual}) Or:{HasOr} Not:{HasNot}(>{AlphaC}) Exists:{HasExists} ForAll(V>{ForAllMin}) Agg:{Aggregate}(>={Having}) Agg2:{Aggregate2}(>={Having2},onK:{Aggregate2OnK}) Let>{LetMin}]");
    }

    /// <summary>Kind: 0 insert, 1 update, 2 retract, 3 InsertAll of four facts (types Type, Type, Type+1, Type+2). Type: 0 FA, 1 FB, 2 FC.</summary>
    public sealed record Op(int Kind, int Type, int Index, int K, int V, bool Fire)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{(Kind == 0 ? "ins" : Kind == 1 ? "upd" : Kind == 2 ? "ret" : "insAll")} {"ABC"[Type]}[{Index}] K{K} V{V}{(Fire ? " fire" : string.Empty)}");
    }

    public sealed record Case(RuleSpec[] Rules, Op[] Ops)
    {
        public override string ToString() => "rules " + string.Join(" ", Rules.Select(r => r.ToString())) + " ops " + string.Join("; ", Ops.Select(o => o.ToString()));
    }

    private const int None = -9;

    private static Gen<int> Threshold(int lo, int hi) => Gen.Frequency((1, Gen.Constant(None)), (2, Gen.Choose(lo, hi)));

    private static readonly Gen<RuleSpec> RuleGen =
        from alphaA in Threshold(-1, 2)
        from hasB in Gen.Elements(true, false)
        from alphaB in Threshold(0, 3)
        from neq in Gen.Elements(true, false, false)
        from hasNot in Gen.Elements(true, false)
        from alphaC in Threshold(-1, 2)
        from hasExists in Gen.Elements(true, false, false)
        from agg in Gen.Choose(0, 5)
        from having in Threshold(0, 3)
        from letMin in Threshold(0, 5)
        from hasOr in Gen.Elements(true, false, false)
        from forAllMin in Gen.Frequency((3, Gen.Constant(None)), (1, Gen.Choose(-1, 2)))
        from agg2 in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 5)))
        from having2 in Threshold(0, 3)
        from agg2OnK in Gen.Elements(true, false)
        select new RuleSpec(alphaA, hasB, alphaB, neq, hasNot, alphaC, hasExists, agg, having, letMin, hasOr, forAllMin, agg2, having2, agg2OnK);

    private static readonly Gen<Op> OpGen =
        from kind in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from type in Gen.Choose(0, 2)
        from index in Gen.Choose(0, 9)
        from k in Gen.Choose(0, 2)
        from v in Gen.Choose(0, 3)
        from fire in Gen.Elements(true, false)
        select new Op(kind, type, index, k, v, fire);

    private static readonly Gen<Case> CaseGen =
        from ruleCount in Gen.Choose(1, 3)
        from rules in Gen.ArrayOf(RuleGen, ruleCount)
        from opCount in Gen.Choose(1, 40)
        from ops in Gen.ArrayOf(OpGen, opCount)
        select new Case(rules, ops);

    [Fact]
    public void Rete_matches_equal_naive_nested_loop_matches()
    {
        Prop.ForAll(Arb.From(CaseGen, Shrink), Holds).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void The_oracle_itself_distinguishes_matches()
    {
        // Guards the property against a vacuous oracle: a join rule over these facts has exactly two matches.
        var spec = new RuleSpec(None, true, None, false, false, None, false, 0, None, None, false, None);
        var facts = new List<F> { new FA { Id = 1, K = 0 }, new FB { Id = 2, K = 0 }, new FB { Id = 3, K = 0 }, new FB { Id = 4, K = 1 } };
        Assert.Equal(new[] { "r0 a1 b2", "r0 a1 b3" }, Naive(spec, "r0", facts).Order(StringComparer.Ordinal));
        var session = new RuleCompiler().Compile(new[] { Build(spec, "r0") }).CreateSession();
        session.InsertAll(facts);
        session.Fire();
        Assert.Equal(new[] { "r0 a1 b2", "r0 a1 b3" }, session.Query<MatchRecord>().Select(m => m.Signature).Order(StringComparer.Ordinal));
    }

    /// <summary>Shrinks a failing case by dropping one operation or one rule at a time.</summary>
    private static IEnumerable<Case> Shrink(Case c)
    {
        for (int i = 0; c.Ops.Length > 1 && i < c.Ops.Length; i++)
        {
            yield return c with { Ops = c.Ops.Where((_, j) => j != i).ToArray() };
        }

        for (int i = 0; c.Rules.Length > 1 && i < c.Rules.Length; i++)
        {
            yield return c with { Rules = c.Rules.Where((_, j) => j != i).ToArray() };
        }
    }

    private static bool Holds(Case c)
    {
        var rules = new IRuleDefinition[c.Rules.Length];
        for (int i = 0; i < rules.Length; i++)
        {
            rules[i] = Build(c.Rules[i], "r" + i.ToString(CultureInfo.InvariantCulture));
        }

        var session = new RuleCompiler().Compile(rules).CreateSession();
        var facts = new List<F>();
        int nextId = 1;
        for (int step = 0; step < c.Ops.Length; step++)
        {
            var op = c.Ops[step];
            var ofType = facts.Where(f => TypeIndex(f) == op.Type).ToList();
            switch (op.Kind)
            {
                case 0:
                    F fact = op.Type switch
                    {
                        0 => new FA { Id = nextId++, K = op.K, V = op.V },
                        1 => new FB { Id = nextId++, K = op.K, V = op.V },
                        _ => new FC { Id = nextId++, K = op.K, V = op.V },
                    };
                    facts.Add(fact);
                    session.Insert(fact);
                    break;
                case 3:
                    var batch = new List<F>();
                    foreach (var (t, k) in new[] { (op.Type, op.K), (op.Type, (op.K + 1) % 3), ((op.Type + 1) % 3, op.K), ((op.Type + 2) % 3, op.K) })
                    {
                        batch.Add(t switch
                        {
                            0 => new FA { Id = nextId++, K = k, V = op.V },
                            1 => new FB { Id = nextId++, K = k, V = op.V },
                            _ => new FC { Id = nextId++, K = k, V = op.V },
                        });
                    }

                    facts.AddRange(batch);
                    session.InsertAll(batch);
                    break;
                case 1 when ofType.Count > 0:
                    var u = ofType[op.Index % ofType.Count];
                    if (op.Index % 2 == 0)
                    {
                        u.K = op.K;
                    }
                    else
                    {
                        u.V = op.V;
                    }

                    session.Update(u);
                    break;
                case 2 when ofType.Count > 0:
                    var r = ofType[op.Index % ofType.Count];
                    facts.Remove(r);
                    session.Retract(r);
                    break;
            }

            if (op.Fire || step == c.Ops.Length - 1)
            {
                session.Fire();
                var actual = session.Query<MatchRecord>().Select(m => m.Signature).Order(StringComparer.Ordinal).ToList();
                var expected = new List<string>();
                for (int i = 0; i < c.Rules.Length; i++)
                {
                    expected.AddRange(Naive(c.Rules[i], "r" + i.ToString(CultureInfo.InvariantCulture), facts));
                }

                expected.Sort(StringComparer.Ordinal);
                if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException(
                        "After step " + step.ToString(CultureInfo.InvariantCulture) + " the network holds [" + string.Join(" | ", actual) + "] but the naive evaluation finds [" + string.Join(" | ", expected) + "]; facts: " + string.Join(", ", facts));
                }
            }
        }

        // Retracting every fact must leave the network as a fresh session: no leaked entries, and only
        // the matches of an empty working memory.
        session.RetractAll(facts);
        session.Fire();
        var fresh = new RuleCompiler().Compile(rules).CreateSession();
        fresh.Fire();
        var left = session.Query<MatchRecord>().Select(m => m.Signature).Order(StringComparer.Ordinal).ToList();
        var empty = fresh.Query<MatchRecord>().Select(m => m.Signature).Order(StringComparer.Ordinal).ToList();
        int held = ((PerfEval.Rules.Runtime.Session)session).CountMemoryEntries();
        int baseline = ((PerfEval.Rules.Runtime.Session)fresh).CountMemoryEntries();
        if (!left.SequenceEqual(empty, StringComparer.Ordinal) || held != baseline)
        {
            throw new InvalidOperationException(
                "After retracting everything the network holds [" + string.Join(" | ", left) + "] and " + held.ToString(CultureInfo.InvariantCulture) +
                " memory entries; a fresh session holds [" + string.Join(" | ", empty) + "] and " + baseline.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    private static int TypeIndex(F f) => f switch
    {
        FA => 0,
        FB => 1,
        _ => 2,
    };

    // ---- the naive evaluation ----------------------------------------------------------------

    private static IEnumerable<string> Naive(RuleSpec s, string name, List<F> facts)
    {
        var result = new List<string>();
        var bs = facts.OfType<FB>().ToList();
        var cs = facts.OfType<FC>().ToList();
        foreach (var a in facts.OfType<FA>())
        {
            if (s.AlphaA != None && !(a.V > s.AlphaA))
            {
                continue;
            }

            var candidates = s.HasOr
                ? bs.Where(b => b.K == a.K).Select(b => " b" + b.Id.ToString(CultureInfo.InvariantCulture))
                    .Concat(cs.Where(d => d.K == a.K).Select(d => " d" + d.Id.ToString(CultureInfo.InvariantCulture))).ToList()
                : s.HasB
                ? bs.Where(b => b.K == a.K && (s.AlphaB == None || b.V < s.AlphaB) && (!s.BNotEqual || b.V != a.V)).Select(b => " b" + b.Id.ToString(CultureInfo.InvariantCulture)).ToList()
                : new List<string> { string.Empty };
            foreach (var b in candidates)
            {
                if (s.HasNot && cs.Any(c => c.K == a.K && (s.AlphaC == None || c.V > s.AlphaC)))
                {
                    continue;
                }

                if (s.HasExists && !cs.Any(e => e.V == a.V))
                {
                    continue;
                }

                if (s.ForAllMin != None && !bs.Where(y => y.K == a.K).All(y => y.V > s.ForAllMin))
                {
                    continue;
                }

                var sig = new StringBuilder(name).Append(" a").Append(a.Id.ToString(CultureInfo.InvariantCulture)).Append(b);

                var aggregates = NaiveAggregate(s.Aggregate, s.Having, "agg", bs.Where(x => x.K == a.K).ToList());
                var aggregates2 = NaiveAggregate(s.Aggregate2, s.Having2, "agg2", s.Aggregate2OnK ? bs.Where(z => z.K == a.K).ToList() : bs);

                string letPart = string.Empty;
                if (s.LetMin != None)
                {
                    var let = a.V + a.K;
                    if (!(let > s.LetMin))
                    {
                        continue;
                    }

                    letPart = " s" + let.ToString(CultureInfo.InvariantCulture);
                }

                foreach (var aggregate in aggregates)
                {
                    foreach (var aggregate2 in aggregates2)
                    {
                        result.Add(sig.ToString() + aggregate + aggregate2 + letPart);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The matches one aggregate adds (kind 0: none, one empty part), each as " name…".</summary>
    private static List<string> NaiveAggregate(int kind, int having, string name, List<FB> group)
    {
        var aggregates = new List<string>();
        static string Ids(IEnumerable<FB> items) => string.Join(",", items.Select(x => x.Id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
        switch (kind)
        {
            case 0:
                aggregates.Add(string.Empty);
                break;
            case 1:
            case 2:
            case 3:
                decimal value = kind == 3 ? group.Sum(x => (decimal)x.V) : group.Count;
                if (having == None || value >= having)
                {
                    aggregates.Add(" " + name + (kind == 2 ? Ids(group) : value.ToString(CultureInfo.InvariantCulture)));
                }

                break;
            case 4:
                if (group.Count > 0 && (having == None || group.Max(x => x.V) >= having))
                {
                    aggregates.Add(" " + name + group.Max(x => x.V).ToString(CultureInfo.InvariantCulture));
                }

                break;
            default:
                foreach (var g in group.GroupBy(x => x.V))
                {
                    if (having == None || g.Count() >= having)
                    {
                        aggregates.Add(" " + name + g.Key.ToString(CultureInfo.InvariantCulture) + ":" + Ids(g));
                    }
                }

                break;
        }

        return aggregates;
    }

    // ---- the same definition as a rule model -----------------------------------------------------

    private static IRuleDefinition Build(RuleSpec s, string name)
    {
        int alphaA = s.AlphaA, alphaB = s.AlphaB, alphaC = s.AlphaC, having = s.Having, letMin = s.LetMin, forAllMin = s.ForAllMin;
        var b = new RuleBuilder().Name(name);
        var aConditions = new List<LambdaExpression>();
        if (alphaA != None)
        {
            aConditions.Add((Expression<Func<FA, bool>>)(a => a.V > alphaA));
        }

        b.LeftHandSide(P<FA>("a", aConditions.ToArray()));
        if (s.HasOr)
        {
            b.LeftHandSide(Element.Or(
                P<FB>("b", (Expression<Func<FB, FA, bool>>)((b, a) => b.K == a.K)),
                P<FC>("d", (Expression<Func<FC, FA, bool>>)((d, a) => d.K == a.K))));
        }
        else if (s.HasB)
        {
            var bConditions = new List<LambdaExpression> { (Expression<Func<FB, FA, bool>>)((b, a) => b.K == a.K) };
            if (alphaB != None)
            {
                bConditions.Add((Expression<Func<FB, bool>>)(b => b.V < alphaB));
            }

            if (s.BNotEqual)
            {
                bConditions.Add((Expression<Func<FB, FA, bool>>)((b, a) => b.V != a.V));
            }

            b.LeftHandSide(P<FB>("b", bConditions.ToArray()));
        }

        if (s.HasNot)
        {
            var cConditions = new List<LambdaExpression> { (Expression<Func<FC, FA, bool>>)((c, a) => c.K == a.K) };
            if (alphaC != None)
            {
                cConditions.Add((Expression<Func<FC, bool>>)(c => c.V > alphaC));
            }

            b.LeftHandSide(Element.Not(P<FC>("c", cConditions.ToArray())));
        }

        if (s.HasExists)
        {
            b.LeftHandSide(Element.Exists(P<FC>("e", (Expression<Func<FC, FA, bool>>)((e, a) => e.V == a.V))));
        }

        if (forAllMin != None)
        {
            b.LeftHandSide(Element.ForAll(
                P<FB>("y", (Expression<Func<FB, FA, bool>>)((y, a) => y.K == a.K)),
                new[] { P<FB>("y", (Expression<Func<FB, bool>>)(y => y.V > forAllMin)) }));
        }

        if (s.Aggregate != 0)
        {
            b.LeftHandSide(AggregatePattern(s.Aggregate, having, "agg", P<FB>("x", (Expression<Func<FB, FA, bool>>)((x, a) => x.K == a.K))));
        }

        if (s.Aggregate2 != 0)
        {
            var source = s.Aggregate2OnK ? P<FB>("z", (Expression<Func<FB, FA, bool>>)((z, a) => z.K == a.K)) : P<FB>("z");
            b.LeftHandSide(AggregatePattern(s.Aggregate2, s.Having2, "agg2", source));
        }

        if (letMin != None)
        {
            b.LeftHandSide(Element.Binding(D<int>("s"), (Expression<Func<FA, int>>)(a => a.V + a.K)));
            b.LeftHandSide(Element.Filter((Expression<Func<int, bool>>)(s => s > letMin)));
        }

        b.Action((Expression<Action<IContext>>)(ctx => Record(ctx, name)));
        return b.Build();
    }

    /// <summary>An aggregate of <paramref name="source"/> (kind 1 Count, 2 Collect, 3 Sum, 4 Max, 5 GroupBy on V) with an optional threshold.</summary>
    private static PatternElement AggregatePattern(int kind, int having, string name, PatternElement source)
    {
        AggregateElement aggregate;
        LambdaExpression? condition = null;
        Type type;
        LambdaExpression Own<T>(Expression<Func<FB, T>> e)
        {
            var x = Expression.Parameter(typeof(FB), source.Declaration.Name);
            return Expression.Lambda(new Rename(e.Parameters[0], x).Visit(e.Body), x);
        }

        switch (kind)
        {
            case 1:
                aggregate = Element.Aggregate(AggregateKind.Count, null, source);
                type = typeof(int);
                if (having != None)
                {
                    condition = (Expression<Func<int, bool>>)(agg => agg >= having);
                }

                break;
            case 2:
                aggregate = Element.Aggregate(AggregateKind.Collect, null, source);
                type = typeof(IEnumerable<FB>);
                if (having != None)
                {
                    condition = (Expression<Func<IEnumerable<FB>, bool>>)(agg => agg.Count() >= having);
                }

                break;
            case 4:
                aggregate = Element.Aggregate(AggregateKind.Max, new[] { KeyValuePair.Create(AggregateElement.SelectorName, Own<decimal>(x => x.V)) }, source);
                type = typeof(decimal);
                if (having != None)
                {
                    condition = (Expression<Func<decimal, bool>>)(agg => agg >= having);
                }

                break;
            case 5:
                aggregate = Element.Aggregate(AggregateKind.GroupBy, new[] { KeyValuePair.Create(AggregateElement.KeySelectorName, Own<int>(x => x.V)) }, source);
                type = typeof(IGrouping<int, FB>);
                if (having != None)
                {
                    condition = (Expression<Func<IGrouping<int, FB>, bool>>)(agg => agg.Count() >= having);
                }

                break;
            default:
                aggregate = Element.Aggregate(AggregateKind.Sum, new[] { KeyValuePair.Create(AggregateElement.SelectorName, Own<decimal>(x => x.V)) }, source);
                type = typeof(decimal);
                if (having != None)
                {
                    condition = (Expression<Func<decimal, bool>>)(agg => agg >= having);
                }

                break;
        }

        if (condition is not null && name != "agg")
        {
            // The condition's parameter is the pattern's own declaration: rename it.
            var p = Expression.Parameter(condition.Parameters[0].Type, name);
            condition = Expression.Lambda(new Rename(condition.Parameters[0], p).Visit(condition.Body), p);
        }

        return Element.Pattern(Element.Declaration(type, name), condition is null ? null : new[] { Element.Condition(condition) }, aggregate);
    }

    private sealed class Rename : ExpressionVisitor
    {
        private readonly ParameterExpression _from, _to;

        public Rename(ParameterExpression from, ParameterExpression to)
        {
            _from = from;
            _to = to;
        }

        protected override Expression VisitParameter(ParameterExpression node) => node == _from ? _to : node;
    }

    internal static void Record(IContext ctx, string name)
    {
        var sig = new StringBuilder(name);
        foreach (var m in ctx.Facts)
        {
            switch (m.Declaration.Name)
            {
                case "a":
                    sig.Append(" a").Append(((F)m.Value!).Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case "b":
                    sig.Append(" b").Append(((F)m.Value!).Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case "d":
                    sig.Append(" d").Append(((F)m.Value!).Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case "agg":
                case "agg2":
                    sig.Append(' ').Append(m.Declaration.Name).Append(m.Value switch
                    {
                        IGrouping<int, FB> g => g.Key.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(",", g.Select(x => x.Id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)),
                        IEnumerable<FB> items => string.Join(",", items.Select(x => x.Id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)),
                        int n => n.ToString(CultureInfo.InvariantCulture),
                        decimal d => d.ToString(CultureInfo.InvariantCulture),
                        _ => "?",
                    });
                    break;
                case "s":
                    sig.Append(" s").Append(((int)m.Value!).ToString(CultureInfo.InvariantCulture));
                    break;
            }
        }

        var record = new MatchRecord(sig.ToString());
        if (ctx.GetLinked("match") is null)
        {
            ctx.InsertLinked("match", record);
        }
        else
        {
            ctx.UpdateLinked("match", record);
        }
    }
}
