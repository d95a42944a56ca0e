using System.Linq.Expressions;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Runtime;

/// <summary>Builds the Rete network for a set of rules, sharing alpha and beta nodes.</summary>
internal sealed class NetworkBuilder
{
    private readonly ExpressionCompiler _compiler = new();
    private readonly RootNode _root = new();
    private readonly Dictionary<Type, TypeNode> _typeNodes = new();
    private readonly Dictionary<BetaKey, BetaNode> _betaNodes = new();

    // Alpha children indexed by their condition, so finding a shared node is a hash lookup rather
    // than a scan of every sibling (the scan made compiling N distinct conditions quadratic).
    private readonly Dictionary<AlphaNode, Dictionary<Expression, SelectionNode>> _selections = new(ReferenceEqualityComparer.Instance);
    private int _nextId;
    private string _element = string.Empty;

    private NetworkBuilder()
    {
        Register(_root);
    }

    public static ISessionFactory Build(IEnumerable<IRuleDefinition> rules, CancellationToken cancellationToken)
    {
        var builder = new NetworkBuilder();
        var list = new List<IRuleDefinition>();
        foreach (var rule in rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rule is null)
            {
                throw new ArgumentNullException(nameof(rules), "The rule list contains null.");
            }

            builder.AddRule(rule);
            list.Add(rule);
        }

        var typeNodes = new TypeNode[builder._typeNodes.Count];
        builder._typeNodes.Values.CopyTo(typeNodes, 0);
        return new SessionFactory(new Network(builder._root, builder._nextId, typeNodes), list.AsReadOnly());
    }

    internal int CacheHits => _compiler.CacheHits;

    private T Register<T>(T node)
        where T : Node
    {
        node.Id = _nextId++;
        return node;
    }

    private void AddRule(IRuleDefinition rule)
    {
        var compiled = new CompiledRule(rule);
        var dependencies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in rule.DependencyGroup.Dependencies)
        {
            dependencies.Add(d.Declaration.Name);
        }

        try
        {
            _element = "left-hand side";
            foreach (var branch in Expand(rule.LeftHandSide))
            {
                var scope = new Scope();
                var slots = new List<FactSlot>();
                BetaNode node = _root;
                foreach (var element in branch)
                {
                    node = BuildElement(node, ref scope, slots, element, compiled);
                }

                var actions = new CompiledAction[rule.RightHandSide.Count];
                for (int i = 0; i < actions.Length; i++)
                {
                    var a = rule.RightHandSide[i];
                    _element = "action " + a.Expression;
                    actions[i] = new CompiledAction(a, _compiler.Action(a.Expression, scope, dependencies));
                }

                var terminal = Register(new TerminalNode(node, compiled, slots.ToArray(), actions));
                terminal.AddRule(compiled);
                node.Sinks.Add(terminal);
            }
        }
        catch (Exception ex) when (ex is not RuleCompilationException and not OperationCanceledException)
        {
            throw new RuleCompilationException(
                "Rule '" + rule.Name + "' could not be compiled at " + _element + ": " + ex.Message,
                rule.Name,
                _element,
                ex);
        }
    }

    /// <summary>Expands Or groups: each result is one branch, a flat sequence of elements without Or or And.</summary>
    private static List<List<RuleElement>> Expand(RuleElement element)
    {
        switch (element)
        {
            case AndElement and:
                var result = new List<List<RuleElement>> { new() };
                foreach (var child in and.ChildElements)
                {
                    var alternatives = Expand(child);
                    var next = new List<List<RuleElement>>(result.Count * alternatives.Count);
                    foreach (var prefix in result)
                    {
                        foreach (var alt in alternatives)
                        {
                            var combined = new List<RuleElement>(prefix.Count + alt.Count);
                            combined.AddRange(prefix);
                            combined.AddRange(alt);
                            next.Add(combined);
                        }
                    }

                    result = next;
                }

                return result;
            case OrElement or:
                var all = new List<List<RuleElement>>();
                foreach (var child in or.ChildElements)
                {
                    all.AddRange(Expand(child));
                }

                return all;
            default:
                return new List<List<RuleElement>> { new() { element } };
        }
    }

    private BetaNode BuildElement(BetaNode node, ref Scope scope, List<FactSlot> slots, RuleElement element, CompiledRule rule)
    {
        switch (element)
        {
            case PatternElement p when p.Source is null:
                {
                    _element = "pattern " + p.Declaration.Name;
                    var join = BuildPattern(node, scope, p, rule);
                    scope = scope.With(p.Declaration.Name, join.Depth, p.ValueType);
                    slots.Add(new FactSlot(p.Declaration, join.Depth));
                    return join;
                }

            case PatternElement p:
                {
                    _element = "aggregate pattern " + p.Declaration.Name;
                    BetaNode agg = BuildAggregate(node, scope, p.Source!, rule);
                    scope = scope.With(p.Declaration.Name, agg.Depth, p.ValueType);
                    slots.Add(new FactSlot(p.Declaration, agg.Depth));
                    if (p.Conditions.Count > 0)
                    {
                        var conditions = new CompiledExpression[p.Conditions.Count];
                        for (int i = 0; i < conditions.Length; i++)
                        {
                            conditions[i] = _compiler.Predicate(p.Conditions[i].Expression, scope, null);
                        }

                        agg = Filter(agg, conditions, rule);
                    }

                    return agg;
                }

            case NotElement not:
                _element = "Not";
                return BuildQuantifier(node, scope, not.Source, negated: true, rule);
            case ExistsElement exists:
                _element = "Exists";
                return BuildQuantifier(node, scope, exists.Source, negated: false, rule);
            case ForAllElement all:
                _element = "ForAll " + all.BasePattern.Declaration.Name;
                return BuildQuantifier(node, scope, ForAllViolation(all), negated: true, rule);
            case BindingElement b:
                {
                    _element = "binding " + b.Declaration.Name;
                    var expr = _compiler.Evaluator(b.Expression, scope, null);
                    var key = new BetaKey("let", node.Id, 0, null, new Expression[] { expr.Canonical });
                    if (!_betaNodes.TryGetValue(key, out var binding))
                    {
                        binding = Register(new BindingNode(node, expr));
                        node.Sinks.Add(binding);
                        _betaNodes.Add(key, binding);
                    }

                    binding.AddRule(rule);
                    scope = scope.With(b.Declaration.Name, binding.Depth, b.Declaration.Type);
                    slots.Add(new FactSlot(b.Declaration, binding.Depth));
                    return binding;
                }

            case FilterElement f:
                _element = "filter " + f.Expression;
                return Filter(node, new[] { _compiler.Predicate(f.Expression, scope, null) }, rule);
            default:
                throw new InvalidOperationException(element.GetType().Name + " cannot appear here.");
        }
    }

    private BetaNode Filter(BetaNode node, CompiledExpression[] conditions, CompiledRule rule)
    {
        var exprs = new Expression[conditions.Length];
        for (int i = 0; i < conditions.Length; i++)
        {
            exprs[i] = conditions[i].Canonical;
        }

        var key = new BetaKey("filter", node.Id, 0, null, exprs);
        if (!_betaNodes.TryGetValue(key, out var filter))
        {
            filter = Register(new FilterNode(node, conditions));
            node.Sinks.Add(filter);
            _betaNodes.Add(key, filter);
        }

        filter.AddRule(rule);
        return filter;
    }

    private BetaNode BuildQuantifier(BetaNode node, Scope scope, RuleElement source, bool negated, CompiledRule rule)
    {
        var inner = scope;
        BetaNode last = node;
        if (source is PatternElement single)
        {
            last = BuildPattern(node, inner, single, rule);
        }
        else
        {
            foreach (var child in ((AndElement)source).ChildElements)
            {
                var p = (PatternElement)child;
                last = BuildPattern(last, inner, p, rule);
                inner = inner.With(p.Declaration.Name, last.Depth, p.ValueType);
            }
        }

        var key = new BetaKey(negated ? "not" : "exists", node.Id, last.Id, null, Array.Empty<Expression>());
        if (!_betaNodes.TryGetValue(key, out var q))
        {
            var quantifier = Register(new QuantifierNode(node, negated, last));
            last.Sinks.Add(new SubnetAdapter(quantifier));
            node.Sinks.Add(quantifier);
            _betaNodes.Add(key, quantifier);
            q = quantifier;
        }

        q.AddRule(rule);
        return q;
    }

    private BetaNode BuildAggregate(BetaNode node, Scope scope, AggregateElement aggregate, CompiledRule rule)
    {
        var source = aggregate.Source;
        var sub = BuildPattern(node, scope, source, rule);
        var inner = scope.With(source.Declaration.Name, sub.Depth, source.ValueType);
        CompiledExpression? Get(string name) =>
            aggregate.Expressions.TryGetValue(name, out var e) ? _compiler.Evaluator(e, inner, null) : null;
        var selector = Get(AggregateElement.SelectorName);
        var keySelector = Get(AggregateElement.KeySelectorName);
        var elementSelector = Get(AggregateElement.ElementSelectorName);
        var exprs = new List<Expression>();
        foreach (var e in new[] { selector, keySelector, elementSelector })
        {
            exprs.Add(e?.Canonical ?? (Expression)Expression.Constant(null));
        }

        var key = new BetaKey("aggregate:" + aggregate.Kind, node.Id, sub.Id, aggregate.ResultType, exprs.ToArray());
        if (!_betaNodes.TryGetValue(key, out var agg))
        {
            Func<ICollectResult>? collect = null;
            Func<object?, IGroupResult>? group = null;
            if (aggregate.Kind == AggregateKind.Collect)
            {
                var type = typeof(CollectionResult<>).MakeGenericType(source.ValueType);
                collect = Expression.Lambda<Func<ICollectResult>>(Expression.New(type)).Compile();
            }
            else if (aggregate.Kind == AggregateKind.GroupBy)
            {
                var args = aggregate.ResultType.GetGenericArguments();
                var type = typeof(GroupResult<,>).MakeGenericType(args[0], args[1]);
                var p = Expression.Parameter(typeof(object), "key");
                group = Expression.Lambda<Func<object?, IGroupResult>>(Expression.New(type.GetConstructor(new[] { typeof(object) })!, p), p).Compile();
            }

            var node2 = Register(new AggregateNode(node, aggregate.Kind, sub, selector, keySelector, elementSelector, collect, group));
            sub.Sinks.Add(new SubnetAdapter(node2));
            node.Sinks.Add(node2);
            _betaNodes.Add(key, node2);
            agg = node2;
        }

        agg.AddRule(rule);
        return agg;
    }

    /// <summary>ForAll(base, patterns) holds when no base fact fails one of the patterns: Not(base ∧ ¬(p1 ∧ p2 …)).</summary>
    private static PatternElement ForAllViolation(ForAllElement all)
    {
        var baseDecl = all.BasePattern.Declaration;
        var parameters = new Dictionary<string, ParameterExpression>(StringComparer.Ordinal)
        {
            [baseDecl.Name] = Expression.Parameter(baseDecl.Type, baseDecl.Name),
        };
        Expression? conjunction = null;
        foreach (var p in all.Patterns)
        {
            foreach (var c in p.Conditions)
            {
                var map = new Dictionary<ParameterExpression, Expression>();
                foreach (var param in c.Expression.Parameters)
                {
                    string name = string.Equals(param.Name, p.Declaration.Name, StringComparison.Ordinal) ? baseDecl.Name : param.Name!;
                    if (!parameters.TryGetValue(name, out var target))
                    {
                        target = Expression.Parameter(param.Type, name);
                        parameters.Add(name, target);
                    }

                    map[param] = target.Type == param.Type ? target : Expression.Convert(target, param.Type);
                }

                var body = new Replacer(map).Visit(c.Expression.Body);
                conjunction = conjunction is null ? body : Expression.AndAlso(conjunction, body);
            }
        }

        var conditions = new List<ConditionElement>(all.BasePattern.Conditions);
        if (conjunction is not null)
        {
            conditions.Add(new ConditionElement(Expression.Lambda(Expression.Not(conjunction), parameters.Values)));
        }
        else
        {
            conditions.Add(new ConditionElement(Expression.Lambda(Expression.Constant(false), parameters[baseDecl.Name])));
        }

        return new PatternElement(baseDecl, conditions.AsReadOnly(), null);
    }

    // ---- patterns: alpha chain, join, hash keys ------------------------------------------

    private BetaNode BuildPattern(BetaNode left, Scope scope, PatternElement pattern, CompiledRule rule)
    {
        var own = pattern.Declaration.Name;
        AlphaNode alpha = GetTypeNode(pattern.ValueType);
        alpha.AddRule(rule);
        var betaParts = new List<LambdaExpression>();
        var keyParts = new List<(Expression Right, Expression Left, ParameterExpression[] LeftParams, ParameterExpression OwnParam)>();
        LambdaExpression? keyCondition = null;
        foreach (var condition in pattern.Conditions)
        {
            var lambda = condition.Expression;
            // Within one lambda, a part may rely on the parts before it (a && b short-circuits): a part
            // moves ahead of its predecessors (to the alpha network, or into the join key) only while
            // every predecessor moved there too.
            bool guardedByBeta = false, guardedByKey = false;
            foreach (var part in SplitAnd(lambda.Body))
            {
                var used = Used(part, lambda.Parameters);
                bool onlyOwn = true;
                foreach (var u in used)
                {
                    if (!string.Equals(u.Name, own, StringComparison.Ordinal))
                    {
                        onlyOwn = false;
                    }
                }

                if (onlyOwn && !guardedByBeta && !guardedByKey)
                {
                    var compiled = _compiler.Predicate(Expression.Lambda(part, used), scope, own);
                    alpha = GetSelectionNode(alpha, compiled);
                    alpha.AddRule(rule);
                    continue;
                }

                if (!guardedByBeta && TryKey(part, lambda.Parameters, own, out var k))
                {
                    keyCondition ??= lambda;
                    keyParts.Add(k);
                    guardedByKey = true;
                    continue;
                }

                guardedByBeta = true;
                betaParts.Add(Expression.Lambda(part, used));
            }
        }

        var conditions = new CompiledExpression[betaParts.Count];
        var exprs = new List<Expression>();
        for (int i = 0; i < conditions.Length; i++)
        {
            conditions[i] = _compiler.Predicate(betaParts[i], scope, own);
            exprs.Add(conditions[i].Canonical);
        }

        CompiledExpression? leftKey = null, rightKey = null;
        if (keyParts.Count > 0)
        {
            Expression leftBody, rightBody;
            var leftParams = new List<ParameterExpression>();
            foreach (var k in keyParts)
            {
                foreach (var p in k.LeftParams)
                {
                    if (!leftParams.Contains(p))
                    {
                        leftParams.Add(p);
                    }
                }
            }

            var ownParam = keyParts[0].OwnParam;
            if (keyParts.Count == 1)
            {
                leftBody = keyParts[0].Left;
                rightBody = keyParts[0].Right;
            }
            else
            {
                var ctor = typeof(CompositeKey).GetConstructor(new[] { typeof(object?[]) })!;
                var lefts = new Expression[keyParts.Count];
                var rights = new Expression[keyParts.Count];
                for (int i = 0; i < keyParts.Count; i++)
                {
                    lefts[i] = Expression.Convert(keyParts[i].Left, typeof(object));
                    rights[i] = Expression.Convert(new Replacer(new Dictionary<ParameterExpression, Expression> { [keyParts[i].OwnParam] = ownParam }).Visit(keyParts[i].Right), typeof(object));
                }

                leftBody = Expression.New(ctor, Expression.NewArrayInit(typeof(object), lefts));
                rightBody = Expression.New(ctor, Expression.NewArrayInit(typeof(object), rights));
            }

            leftKey = _compiler.Evaluator(Expression.Lambda(leftBody, leftParams), scope, null);
            rightKey = _compiler.Evaluator(Expression.Lambda(rightBody, ownParam), scope, own);
            leftKey.Display = keyCondition;
            rightKey.Display = keyCondition;
            exprs.Add(Expression.Constant("|keys|"));
            exprs.Add(leftKey.Canonical);
            exprs.Add(rightKey.Canonical);
        }

        bool adapter = left is RootNode && conditions.Length == 0 && leftKey is null;
        var key = new BetaKey(adapter ? "adapter" : "join", left.Id, alpha.Id, null, exprs.ToArray());
        if (!_betaNodes.TryGetValue(key, out var existing))
        {
            BetaNode node = adapter
                ? Register(new AdapterNode((RootNode)left, alpha))
                : Register(new JoinNode(left, alpha, conditions, leftKey, rightKey));
            left.Sinks.Add(node);
            alpha.Sinks.Add((IRightSink)node);
            _betaNodes.Add(key, node);
            existing = node;
        }

        existing.AddRule(rule);
        return existing;
    }

    private static readonly HashSet<Type> HashableTypes = new()
    {
        typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(decimal), typeof(string), typeof(DateTime), typeof(DateTimeOffset),
        typeof(TimeSpan), typeof(Guid), typeof(DateOnly), typeof(TimeOnly),
    };

    private static bool IsHashable(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        return u.IsEnum || HashableTypes.Contains(u);
    }

    /// <summary>Recognises <c>own-side == other-side</c> where one side uses only the pattern's fact and the other only earlier declarations.</summary>
    private static bool TryKey(Expression part, IReadOnlyList<ParameterExpression> parameters, string own, out (Expression Right, Expression Left, ParameterExpression[] LeftParams, ParameterExpression OwnParam) key)
    {
        key = default;
        if (part is not BinaryExpression { NodeType: ExpressionType.Equal } eq || !IsHashable(eq.Left.Type) || !IsHashable(eq.Right.Type) || eq.Left.Type != eq.Right.Type)
        {
            return false;
        }

        if (eq.Method is not null && !HashableTypes.Contains(eq.Method.DeclaringType!))
        {
            return false;
        }

        var l = Used(eq.Left, parameters);
        var r = Used(eq.Right, parameters);
        static bool OnlyOwn(ParameterExpression[] ps, string own) => ps.Length == 1 && string.Equals(ps[0].Name, own, StringComparison.Ordinal);
        static bool NoOwn(ParameterExpression[] ps, string own) => ps.Length > 0 && Array.TrueForAll(ps, p => !string.Equals(p.Name, own, StringComparison.Ordinal));
        if (OnlyOwn(l, own) && NoOwn(r, own))
        {
            key = (eq.Left, eq.Right, r, l[0]);
            return true;
        }

        if (OnlyOwn(r, own) && NoOwn(l, own))
        {
            key = (eq.Right, eq.Left, l, r[0]);
            return true;
        }

        return false;
    }

    private static IEnumerable<Expression> SplitAnd(Expression body)
    {
        if (body is BinaryExpression { NodeType: ExpressionType.AndAlso, Method: null } and && and.Type == typeof(bool))
        {
            foreach (var e in SplitAnd(and.Left))
            {
                yield return e;
            }

            foreach (var e in SplitAnd(and.Right))
            {
                yield return e;
            }
        }
        else
        {
            yield return body;
        }
    }

    private static ParameterExpression[] Used(Expression body, IReadOnlyList<ParameterExpression> parameters)
    {
        var finder = new ParameterFinder(parameters);
        finder.Visit(body);
        var result = new List<ParameterExpression>();
        foreach (var p in parameters)
        {
            if (finder.Found.Contains(p))
            {
                result.Add(p);
            }
        }

        return result.ToArray();
    }

    private TypeNode GetTypeNode(Type type)
    {
        if (!_typeNodes.TryGetValue(type, out var node))
        {
            node = Register(new TypeNode(type));
            _typeNodes.Add(type, node);
        }

        return node;
    }

    private SelectionNode GetSelectionNode(AlphaNode parent, CompiledExpression condition)
    {
        if (!_selections.TryGetValue(parent, out var index))
        {
            index = new Dictionary<Expression, SelectionNode>(ExpressionComparer.Instance);
            _selections.Add(parent, index);
        }

        if (index.TryGetValue(condition.Canonical, out var shared))
        {
            return shared;
        }

        var node = Register(new SelectionNode(condition));
        parent.Children.Add(node);
        index.Add(condition.Canonical, node);
        return node;
    }

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private readonly IReadOnlyList<ParameterExpression> _parameters;

        public ParameterFinder(IReadOnlyList<ParameterExpression> parameters) => _parameters = parameters;

        public HashSet<ParameterExpression> Found { get; } = new();

        protected override Expression VisitParameter(ParameterExpression node)
        {
            foreach (var p in _parameters)
            {
                if (p == node)
                {
                    Found.Add(node);
                }
            }

            return node;
        }
    }

    private sealed class Replacer : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> _map;

        public Replacer(Dictionary<ParameterExpression, Expression> map) => _map = map;

        protected override Expression VisitParameter(ParameterExpression node) => _map.TryGetValue(node, out var r) ? r : node;
    }

    private sealed class BetaKey : IEquatable<BetaKey>
    {
        private readonly string _kind;
        private readonly int _a, _b;
        private readonly Type? _type;
        private readonly Expression[] _exprs;
        private readonly int _hash;

        public BetaKey(string kind, int a, int b, Type? type, Expression[] exprs)
        {
            _kind = kind;
            _a = a;
            _b = b;
            _type = type;
            _exprs = exprs;
            var h = new HashCode();
            h.Add(kind, StringComparer.Ordinal);
            h.Add(a);
            h.Add(b);
            h.Add(type);
            foreach (var e in exprs)
            {
                h.Add(ExpressionComparer.Instance.GetHashCode(e));
            }

            _hash = h.ToHashCode();
        }

        public bool Equals(BetaKey? other)
        {
            if (other is null || !string.Equals(_kind, other._kind, StringComparison.Ordinal) || _a != other._a || _b != other._b || _type != other._type || _exprs.Length != other._exprs.Length)
            {
                return false;
            }

            for (int i = 0; i < _exprs.Length; i++)
            {
                if (!ExpressionComparer.Instance.Equals(_exprs[i], other._exprs[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as BetaKey);

        public override int GetHashCode() => _hash;
    }
}
