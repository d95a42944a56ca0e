using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq.Expressions;

namespace PerfEval.Rules.RuleModel;

/// <summary>
/// Makes every rule-model element, validating arguments in one place. Invalid arguments throw
/// <see cref="ArgumentException"/> naming what is wrong.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class Element
{
    private const ActionTrigger DefaultTrigger = ActionTrigger.Activated | ActionTrigger.Reactivated;

    /// <summary>Makes a declaration.</summary>
    /// <param name="type">The value's type.</param>
    /// <param name="name">The name lambda parameters use to refer to it.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static Declaration Declaration(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Declaration(type, name);
    }

    /// <summary>Makes a condition.</summary>
    /// <param name="expression">A lambda returning <see cref="bool"/>; parameters bind to declarations by name.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException">The expression is null.</exception>
    /// <exception cref="ArgumentException">The lambda does not return bool or has an unnamed parameter.</exception>
    public static ConditionElement Condition(LambdaExpression expression)
    {
        CheckLambda(expression, nameof(expression), typeof(bool), "condition");
        return new ConditionElement(expression);
    }

    /// <summary>Makes a pattern over working-memory facts.</summary>
    /// <param name="declaration">The declaration matched facts are bound to.</param>
    /// <param name="conditions">Conditions, in order.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A condition refers to the declaration with an incompatible type.</exception>
    public static PatternElement Pattern(Declaration declaration, IEnumerable<ConditionElement>? conditions = null) =>
        Pattern(declaration, conditions, null);

    /// <summary>Makes a pattern over working-memory facts, or over an aggregation's results.</summary>
    /// <param name="declaration">The declaration matched values are bound to.</param>
    /// <param name="conditions">Conditions, in order.</param>
    /// <param name="source">The aggregation, or <see langword="null"/> for working-memory facts.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentNullException">The declaration is null.</exception>
    /// <exception cref="ArgumentException">Types do not fit.</exception>
    public static PatternElement Pattern(Declaration declaration, IEnumerable<ConditionElement>? conditions, AggregateElement? source)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var list = ToList(conditions, nameof(conditions));
        foreach (var c in list)
        {
            foreach (var p in c.Expression.Parameters)
            {
                if (string.Equals(p.Name, declaration.Name, StringComparison.Ordinal) && !p.Type.IsAssignableFrom(declaration.Type))
                {
                    throw new ArgumentException(Format("Condition {0} of pattern {1}: parameter '{2}' has type {3}, not assignable from {4}.", c.Expression, declaration.Name, p.Name!, p.Type.Name, declaration.Type.Name), nameof(conditions));
                }
            }
        }

        if (source is not null && !declaration.Type.IsAssignableFrom(source.ResultType))
        {
            throw new ArgumentException(Format("Pattern {0} of type {1} cannot hold the {2} result of type {3}.", declaration.Name, declaration.Type.Name, source.Kind, source.ResultType.Name), nameof(source));
        }

        return new PatternElement(declaration, list, source);
    }

    /// <summary>Makes an aggregation; the result type follows from the kind and the expressions.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="expressions">Named expressions: "Selector" for Sum/Min/Max (returning decimal), Project and Flatten (returning a sequence); "KeySelector" and optional "ElementSelector" for GroupBy; none for Collect and Count. Their parameters bind by name (usually to the source pattern's declaration).</param>
    /// <param name="source">The pattern whose matches are aggregated.</param>
    /// <returns>The aggregation.</returns>
    /// <exception cref="ArgumentNullException">The source is null.</exception>
    /// <exception cref="ArgumentException">An expression is missing, unexpected or of the wrong type.</exception>
    public static AggregateElement Aggregate(AggregateKind kind, IEnumerable<KeyValuePair<string, LambdaExpression>>? expressions, PatternElement source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Source is not null)
        {
            throw new ArgumentException(Format("The source pattern {0} of an aggregation must match working-memory facts.", source.Declaration.Name), nameof(source));
        }

        var map = new Dictionary<string, LambdaExpression>(StringComparer.Ordinal);
        if (expressions is not null)
        {
            foreach (var kv in expressions)
            {
                CheckLambda(kv.Value, nameof(expressions), null, kv.Key);
                if (!map.TryAdd(kv.Key, kv.Value))
                {
                    throw new ArgumentException(Format("Expression '{0}' given twice.", kv.Key), nameof(expressions));
                }
            }
        }

        Type elementType = source.ValueType;
        Type resultType;
        switch (kind)
        {
            case AggregateKind.Collect:
                Expect(map, kind);
                resultType = typeof(IReadOnlyCollection<>).MakeGenericType(elementType);
                break;
            case AggregateKind.Count:
                Expect(map, kind);
                resultType = typeof(int);
                break;
            case AggregateKind.Sum:
            case AggregateKind.Min:
            case AggregateKind.Max:
                Expect(map, kind, AggregateElement.SelectorName);
                if (map[AggregateElement.SelectorName].ReturnType != typeof(decimal))
                {
                    throw new ArgumentException(Format("The {0} selector must return decimal, not {1}.", kind, map[AggregateElement.SelectorName].ReturnType.Name), nameof(expressions));
                }

                resultType = typeof(decimal);
                break;
            case AggregateKind.Project:
                Expect(map, kind, AggregateElement.SelectorName);
                resultType = map[AggregateElement.SelectorName].ReturnType;
                break;
            case AggregateKind.Flatten:
                Expect(map, kind, AggregateElement.SelectorName);
                resultType = SequenceElementType(map[AggregateElement.SelectorName].ReturnType)
                    ?? throw new ArgumentException(Format("The Flatten selector must return IEnumerable<T>, not {0}.", map[AggregateElement.SelectorName].ReturnType.Name), nameof(expressions));
                break;
            case AggregateKind.GroupBy:
                Expect(map, kind, AggregateElement.KeySelectorName, AggregateElement.ElementSelectorName);
                var keyType = map[AggregateElement.KeySelectorName].ReturnType;
                var valueType = map.TryGetValue(AggregateElement.ElementSelectorName, out var es) ? es.ReturnType : elementType;
                resultType = typeof(IGrouping<,>).MakeGenericType(keyType, valueType);
                break;
            default:
                throw new ArgumentException(Format("Unknown aggregate kind {0}.", kind), nameof(kind));
        }

        return new AggregateElement(kind, resultType, new ReadOnlyDictionary<string, LambdaExpression>(map), source);
    }

    /// <summary>Makes a negation: holds when <paramref name="source"/> has no match.</summary>
    /// <param name="source">A pattern or an And group of patterns.</param>
    /// <returns>The element.</returns>
    /// <exception cref="ArgumentNullException">The source is null.</exception>
    /// <exception cref="ArgumentException">The source is neither a pattern nor an And group.</exception>
    public static NotElement Not(RuleElement source)
    {
        CheckGroupSource(source, "Not");
        return new NotElement(source);
    }

    /// <summary>Makes an existential: holds once when <paramref name="source"/> has at least one match.</summary>
    /// <param name="source">A pattern or an And group of patterns.</param>
    /// <returns>The element.</returns>
    /// <exception cref="ArgumentNullException">The source is null.</exception>
    /// <exception cref="ArgumentException">The source is neither a pattern nor an And group.</exception>
    public static ExistsElement Exists(RuleElement source)
    {
        CheckGroupSource(source, "Exists");
        return new ExistsElement(source);
    }

    /// <summary>Makes a universal: every fact matching <paramref name="basePattern"/> satisfies all <paramref name="patterns"/>.</summary>
    /// <param name="basePattern">The facts quantified over.</param>
    /// <param name="patterns">What must hold for each (may refer to the base declaration).</param>
    /// <returns>The element.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No pattern is given, or a pattern is over an aggregation.</exception>
    public static ForAllElement ForAll(PatternElement basePattern, IEnumerable<PatternElement> patterns)
    {
        ArgumentNullException.ThrowIfNull(basePattern);
        var list = ToList(patterns, nameof(patterns));
        if (list.Count == 0)
        {
            throw new ArgumentException("ForAll needs at least one pattern besides the base pattern.", nameof(patterns));
        }

        if (basePattern.Source is not null)
        {
            throw new ArgumentException("The base pattern of ForAll must match working-memory facts.", nameof(basePattern));
        }

        foreach (var p in list)
        {
            if (p.Source is not null || !p.ValueType.IsAssignableFrom(basePattern.ValueType))
            {
                throw new ArgumentException(Format("ForAll pattern {0} must be a plain pattern whose type ({1}) is assignable from the base pattern's type ({2}).", p.Declaration.Name, p.ValueType.Name, basePattern.ValueType.Name), nameof(patterns));
            }
        }

        return new ForAllElement(basePattern, list);
    }

    /// <summary>Makes an And group.</summary>
    /// <param name="childElements">The children, in order.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException">The children are null or contain null.</exception>
    /// <exception cref="ArgumentException">A child is an action or dependency.</exception>
    public static AndElement And(IEnumerable<RuleElement> childElements)
    {
        var list = ToList(childElements, nameof(childElements));
        foreach (var c in list)
        {
            CheckLhsElement(c, nameof(childElements));
        }

        return new AndElement(list);
    }

    /// <summary>Makes an And group.</summary>
    /// <param name="childElements">The children, in order.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException">The children are null or contain null.</exception>
    /// <exception cref="ArgumentException">A child is an action or dependency.</exception>
    public static AndElement And(params RuleElement[] childElements) => And((IEnumerable<RuleElement>)childElements);

    /// <summary>Makes an Or group; compiled into one rule branch per child.</summary>
    /// <param name="childElements">The alternatives.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException">The children are null or contain null.</exception>
    /// <exception cref="ArgumentException">There is no alternative, or one is an action or dependency.</exception>
    public static OrElement Or(IEnumerable<RuleElement> childElements)
    {
        var list = ToList(childElements, nameof(childElements));
        if (list.Count == 0)
        {
            throw new ArgumentException("Or needs at least one alternative.", nameof(childElements));
        }

        foreach (var c in list)
        {
            CheckLhsElement(c, nameof(childElements));
        }

        return new OrElement(list);
    }

    /// <summary>Makes an Or group; compiled into one rule branch per child.</summary>
    /// <param name="childElements">The alternatives.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException">The children are null or contain null.</exception>
    /// <exception cref="ArgumentException">There is no alternative, or one is an action or dependency.</exception>
    public static OrElement Or(params RuleElement[] childElements) => Or((IEnumerable<RuleElement>)childElements);

    /// <summary>Makes a binding (Let).</summary>
    /// <param name="declaration">The declaration the value is bound to.</param>
    /// <param name="expression">The value, over earlier declarations.</param>
    /// <returns>The binding.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The expression's type does not fit the declaration.</exception>
    public static BindingElement Binding(Declaration declaration, LambdaExpression expression)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        CheckLambda(expression, nameof(expression), null, "binding " + declaration.Name);
        if (!declaration.Type.IsAssignableFrom(expression.ReturnType))
        {
            throw new ArgumentException(Format("Binding {0}: the expression returns {1}, not assignable to {2}.", declaration.Name, expression.ReturnType.Name, declaration.Type.Name), nameof(expression));
        }

        return new BindingElement(declaration, expression);
    }

    /// <summary>Makes a filter (Having).</summary>
    /// <param name="expression">A lambda returning bool, over earlier declarations.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException">The expression is null.</exception>
    /// <exception cref="ArgumentException">The lambda does not return bool.</exception>
    public static FilterElement Filter(LambdaExpression expression)
    {
        CheckLambda(expression, nameof(expression), typeof(bool), "filter");
        return new FilterElement(expression);
    }

    /// <summary>Makes a dependency resolved through <see cref="IDependencyResolver"/> when an action runs.</summary>
    /// <param name="declaration">The declaration actions use (its type is the service type).</param>
    /// <returns>The dependency.</returns>
    /// <exception cref="ArgumentNullException">The declaration is null.</exception>
    public static DependencyElement Dependency(Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return new DependencyElement(declaration);
    }

    /// <summary>Makes a dependency group.</summary>
    /// <param name="dependencies">The dependencies.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException">The list contains null.</exception>
    public static DependencyGroupElement DependencyGroup(IEnumerable<DependencyElement>? dependencies = null) =>
        new(ToList(dependencies, nameof(dependencies)));

    /// <summary>Makes an action.</summary>
    /// <param name="expression">A lambda whose first parameter is <see cref="IContext"/>; the others bind to declarations by name.</param>
    /// <param name="trigger">When it runs (default Activated | Reactivated).</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentNullException">The expression is null.</exception>
    /// <exception cref="ArgumentException">The first parameter is not <see cref="IContext"/>, or the trigger is None.</exception>
    public static ActionElement Action(LambdaExpression expression, ActionTrigger trigger = DefaultTrigger)
    {
        CheckLambda(expression, nameof(expression), null, "action");
        if (expression.Parameters.Count == 0 || expression.Parameters[0].Type != typeof(IContext))
        {
            throw new ArgumentException(Format("The first parameter of action {0} must be IContext.", expression), nameof(expression));
        }

        if (trigger == ActionTrigger.None || (trigger & ~(ActionTrigger.Activated | ActionTrigger.Reactivated | ActionTrigger.Deactivated)) != 0)
        {
            throw new ArgumentException(Format("Action {0}: trigger {1} is not valid.", expression, trigger), nameof(trigger));
        }

        return new ActionElement(expression, trigger);
    }

    /// <summary>Makes a rule definition, checking that every lambda parameter names a visible declaration.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="description">A description.</param>
    /// <param name="priority">Higher fires first.</param>
    /// <param name="repeatability">Whether it fires again for updated matches.</param>
    /// <param name="tags">Tags.</param>
    /// <param name="properties">Properties (names must be unique).</param>
    /// <param name="leftHandSide">The conditions.</param>
    /// <param name="dependencyGroup">The services the actions use.</param>
    /// <param name="rightHandSide">The actions (at least one).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The rule is invalid; the message names the rule and the element.</exception>
    public static RuleDefinition RuleDefinition(
        string name,
        string? description,
        int priority,
        RuleRepeatability repeatability,
        IEnumerable<string>? tags,
        IEnumerable<KeyValuePair<string, object?>>? properties,
        AndElement leftHandSide,
        DependencyGroupElement? dependencyGroup,
        IEnumerable<ActionElement> rightHandSide)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(leftHandSide);
        dependencyGroup ??= DependencyGroup();
        var rhs = ToList(rightHandSide, nameof(rightHandSide));
        if (rhs.Count == 0)
        {
            throw new ArgumentException(Format("Rule '{0}' has no action.", name), nameof(rightHandSide));
        }

        var tagList = ToList(tags, nameof(tags));
        var props = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (properties is not null)
        {
            foreach (var kv in properties)
            {
                if (!props.TryAdd(kv.Key, kv.Value))
                {
                    throw new ArgumentException(Format("Rule '{0}': property '{1}' is given twice.", name, kv.Key), nameof(properties));
                }
            }
        }

        var scope = new List<Declaration>();
        ValidateScope(name, leftHandSide, scope);
        foreach (var d in dependencyGroup.Dependencies)
        {
            AddDeclaration(name, scope, d.Declaration, d);
        }

        foreach (var a in rhs)
        {
            CheckParameters(name, a.Expression, scope, null, skip: 1, "action");
        }

        return new RuleDefinition(
            name,
            description ?? string.Empty,
            priority,
            repeatability,
            new ReadOnlyCollection<string>(tagList.ToArray()),
            new ReadOnlyDictionary<string, object?>(props),
            leftHandSide,
            dependencyGroup,
            rhs);
    }

    private static void ValidateScope(string rule, RuleElement element, List<Declaration> scope)
    {
        switch (element)
        {
            case PatternElement p:
                if (p.Source is not null)
                {
                    var inner = new List<Declaration>(scope);
                    ValidateScope(rule, p.Source.Source, inner);
                    foreach (var e in p.Source.Expressions)
                    {
                        CheckParameters(rule, e.Value, inner, null, 0, "aggregate " + e.Key);
                    }
                }

                foreach (var c in p.Conditions)
                {
                    CheckParameters(rule, c.Expression, scope, p.Declaration, 0, "condition of pattern " + p.Declaration.Name);
                }

                AddDeclaration(rule, scope, p.Declaration, p);
                break;
            case AndElement and:
                foreach (var c in and.ChildElements)
                {
                    ValidateScope(rule, c, scope);
                }

                break;
            case OrElement or:
                foreach (var c in or.ChildElements)
                {
                    ValidateScope(rule, c, new List<Declaration>(scope));
                }

                foreach (var d in or.Exports)
                {
                    AddDeclaration(rule, scope, d, or);
                }

                break;
            case NotElement not:
                ValidateScope(rule, not.Source, new List<Declaration>(scope));
                break;
            case ExistsElement exists:
                ValidateScope(rule, exists.Source, new List<Declaration>(scope));
                break;
            case ForAllElement all:
                var forAllScope = new List<Declaration>(scope);
                ValidateScope(rule, all.BasePattern, forAllScope);
                foreach (var p in all.Patterns)
                {
                    foreach (var c in p.Conditions)
                    {
                        CheckParameters(rule, c.Expression, forAllScope, p.Declaration, 0, "condition of ForAll pattern " + p.Declaration.Name);
                    }
                }

                break;
            case BindingElement b:
                CheckParameters(rule, b.Expression, scope, null, 0, "binding " + b.Declaration.Name);
                AddDeclaration(rule, scope, b.Declaration, b);
                break;
            case FilterElement f:
                CheckParameters(rule, f.Expression, scope, null, 0, "filter");
                break;
            default:
                throw new ArgumentException(Format("Rule '{0}': {1} cannot appear in the left-hand side.", rule, element.GetType().Name), nameof(element));
        }
    }

    private static void AddDeclaration(string rule, List<Declaration> scope, Declaration d, RuleElement where)
    {
        foreach (var s in scope)
        {
            if (string.Equals(s.Name, d.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException(Format("Rule '{0}': declaration '{1}' is declared twice (again by {2}).", rule, d.Name, where.GetType().Name), nameof(rule));
            }
        }

        scope.Add(d);
    }

    private static void CheckParameters(string rule, LambdaExpression lambda, List<Declaration> scope, Declaration? own, int skip, string what)
    {
        for (int i = skip; i < lambda.Parameters.Count; i++)
        {
            var p = lambda.Parameters[i];
            Declaration? found = own is not null && string.Equals(own.Name, p.Name, StringComparison.Ordinal) ? own : null;
            if (found is null)
            {
                foreach (var s in scope)
                {
                    if (string.Equals(s.Name, p.Name, StringComparison.Ordinal))
                    {
                        found = s;
                        break;
                    }
                }
            }

            if (found is null)
            {
                throw new ArgumentException(Format("Rule '{0}': {1} {2} uses '{3}', which is not declared before it.", rule, what, lambda, p.Name ?? "?"), nameof(lambda));
            }

            if (!p.Type.IsAssignableFrom(found.Type))
            {
                throw new ArgumentException(Format("Rule '{0}': {1} {2} takes '{3}' as {4}, but it is declared as {5}.", rule, what, lambda, p.Name!, p.Type.Name, found.Type.Name), nameof(lambda));
            }
        }
    }

    private static void CheckLambda(LambdaExpression? expression, string paramName, Type? returnType, string what)
    {
        ArgumentNullException.ThrowIfNull(expression, paramName);
        if (returnType is not null && expression.ReturnType != returnType)
        {
            throw new ArgumentException(Format("The {0} {1} must return {2}, not {3}.", what, expression, returnType.Name, expression.ReturnType.Name), paramName);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in expression.Parameters)
        {
            if (string.IsNullOrEmpty(p.Name))
            {
                throw new ArgumentException(Format("The {0} {1} has an unnamed parameter; parameters bind to declarations by name.", what, expression), paramName);
            }

            if (!names.Add(p.Name))
            {
                throw new ArgumentException(Format("The {0} {1} names parameter '{2}' twice.", what, expression, p.Name), paramName);
            }
        }
    }

    private static void CheckGroupSource(RuleElement? source, string what)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source is PatternElement)
        {
            return;
        }

        if (source is AndElement and && and.ChildElements.Count > 0 && and.ChildElements.All(c => c is PatternElement))
        {
            return;
        }

        throw new ArgumentException(Format("{0} takes a pattern or an And group of patterns, not {1}.", what, source.GetType().Name), nameof(source));
    }

    private static void CheckLhsElement(RuleElement element, string paramName)
    {
        if (element is ActionElement or DependencyElement or DependencyGroupElement or ConditionElement or AggregateElement)
        {
            throw new ArgumentException(Format("{0} cannot appear in a left-hand-side group.", element.GetType().Name), paramName);
        }
    }

    private static void Expect(Dictionary<string, LambdaExpression> map, AggregateKind kind, params string[] allowed)
    {
        foreach (var key in map.Keys)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw new ArgumentException(Format("{0} does not take an expression named '{1}'.", kind, key), "expressions");
            }
        }

        if (allowed.Length > 0 && !map.ContainsKey(allowed[0]))
        {
            throw new ArgumentException(Format("{0} needs an expression named '{1}'.", kind, allowed[0]), "expressions");
        }
    }

    private static Type? SequenceElementType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }

        foreach (var i in type.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return i.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static IReadOnlyList<T> ToList<T>(IEnumerable<T>? items, string paramName)
        where T : class
    {
        var list = new List<T>();
        if (items is null)
        {
            return list.AsReadOnly();
        }

        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentNullException(paramName, "The list contains null.");
            }

            list.Add(item);
        }

        return list.AsReadOnly();
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
