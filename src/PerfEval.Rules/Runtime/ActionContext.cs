using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Runtime;

internal sealed class ActionContext : IContext
{
    private readonly Session _session;

    public ActionContext(Session session) => _session = session;

    public Activation? Activation;

    private Activation Current => Activation ?? throw new InvalidOperationException("The context is used outside its action.");

    public IRuleDefinition Rule => Current.Rule.Definition;

    public IReadOnlyList<IFactMatch> Facts => Current.Facts();

    public void Insert(object fact) => _session.Insert(fact);

    public void InsertAll(IEnumerable<object> facts) => _session.InsertAll(facts);

    public bool TryInsert(object fact) => _session.TryInsert(fact);

    public void Update(object fact) => _session.Update(fact);

    public bool TryUpdate(object fact) => _session.TryUpdate(fact);

    public void Retract(object fact) => _session.Retract(fact);

    public bool TryRetract(object fact) => _session.TryRetract(fact);

    public void InsertLinked(object key, object fact)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fact);
        var a = Current;
        if (a.IsDeactivation)
        {
            throw new InvalidOperationException("A deactivated match cannot link facts.");
        }

        if (a.Linked is not null && a.Linked.ContainsKey(key))
        {
            throw new ArgumentException("A fact is already linked under key " + key, nameof(key));
        }

        _session.InsertLinked(a, key, fact);
    }

    public void UpdateLinked(object key, object fact)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fact);
        var a = Current;
        if (a.Linked is null || !a.Linked.TryGetValue(key, out var existing))
        {
            throw new ArgumentException("No fact is linked under key " + key, nameof(key));
        }

        if (Runtime.FactIdentityComparer.Instance.Equals(existing.Object, fact))
        {
            _session.Update(fact);
        }
        else
        {
            _session.Retract(existing.Object!);
            _session.InsertLinked(a, key, fact);
        }
    }

    public void RetractLinked(object key, object fact)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fact);
        var a = Current;
        if (a.Linked is null || !a.Linked.TryGetValue(key, out var existing) || !Runtime.FactIdentityComparer.Instance.Equals(existing.Object, fact))
        {
            throw new ArgumentException("The fact is not linked under key " + key, nameof(fact));
        }

        _session.Retract(existing.Object!);
    }

    public object? GetLinked(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var a = Current;
        return a.Linked is not null && a.Linked.TryGetValue(key, out var f) ? f.Object : null;
    }

    public IEnumerable<object> GetLinkedKeys()
    {
        var a = Current;
        return a.Linked is null ? Array.Empty<object>() : a.Linked.Keys.ToArray();
    }

    public void Halt() => _session.Halt();

    public object Resolve(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        var resolver = _session.DependencyResolver
            ?? throw new InvalidOperationException("Rule '" + Rule.Name + "' needs " + serviceType.Name + ", but no dependency resolver is set on the session or its factory.");
        return resolver.Resolve(new ResolutionContext(_session, Rule), serviceType)
            ?? throw new InvalidOperationException("The dependency resolver returned null for " + serviceType.Name + " (rule '" + Rule.Name + "').");
    }

    private sealed class ResolutionContext : IResolutionContext
    {
        public ResolutionContext(ISession session, IRuleDefinition rule)
        {
            Session = session;
            Rule = rule;
        }

        public ISession Session { get; }

        public IRuleDefinition Rule { get; }
    }
}
