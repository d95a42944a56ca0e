using PerfEval.Rules.Events;
using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules;

/// <summary>
/// Working memory plus agenda: insert, update and retract facts, then fire rules.
/// </summary>
/// <remarks>
/// Single-threaded: use one session from one thread at a time. Sessions are cheap; make one per unit of work.
/// When a condition or action throws and no handler marks the failure handled, the exception leaves the
/// operation half done; discard the session.
/// Fact identity is <see cref="EqualityComparer{T}.Default"/> of <see cref="object"/>, unless a fact
/// implements <see cref="IIdentityProvider"/>.
/// </remarks>
public interface ISession
{
    /// <summary>Session-level events (factory-level handlers also run).</summary>
    IEventProvider Events { get; }

    /// <summary>The agenda of pending activations.</summary>
    IAgenda Agenda { get; }

    /// <summary>The resolver actions use; starts as the factory's.</summary>
    IDependencyResolver? DependencyResolver { get; set; }

    /// <summary>Inserts a fact.</summary>
    /// <param name="fact">The fact.</param>
    /// <exception cref="ArgumentNullException">The fact is null.</exception>
    /// <exception cref="ArgumentException">The fact is already present.</exception>
    /// <exception cref="RuleLhsExpressionEvaluationException">A condition threw and no handler marked it handled.</exception>
    void Insert(object fact);

    /// <summary>
    /// Inserts facts as one batch: all are validated first (all or nothing), added to working memory,
    /// and propagated together through the alpha network (runs of one type are tested node by node).
    /// Inserting events are raised for all facts before propagation, inserted events after it.
    /// </summary>
    /// <param name="facts">The facts.</param>
    /// <exception cref="ArgumentNullException">The sequence or a fact is null.</exception>
    /// <exception cref="ArgumentException">A fact is already present or given twice (nothing is inserted).</exception>
    /// <exception cref="RuleLhsExpressionEvaluationException">A condition threw and no handler marked it handled.</exception>
    void InsertAll(IEnumerable<object> facts);

    /// <summary>Inserts a fact unless present.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether it was inserted.</returns>
    /// <exception cref="ArgumentNullException">The fact is null.</exception>
    bool TryInsert(object fact);

    /// <summary>Inserts those facts that are not present, as one batch.</summary>
    /// <param name="facts">The facts.</param>
    /// <returns>How many were inserted.</returns>
    /// <exception cref="ArgumentNullException">The sequence or a fact is null.</exception>
    int TryInsertAll(IEnumerable<object> facts);

    /// <summary>Updates a fact (re-evaluates it against all rules).</summary>
    /// <param name="fact">The fact, or an object with the same identity to replace it.</param>
    /// <exception cref="ArgumentNullException">The fact is null.</exception>
    /// <exception cref="ArgumentException">The fact is not present.</exception>
    void Update(object fact);

    /// <summary>Updates facts as one batch.</summary>
    /// <param name="facts">The facts.</param>
    /// <exception cref="ArgumentNullException">The sequence or a fact is null.</exception>
    /// <exception cref="ArgumentException">A fact is not present (nothing is updated).</exception>
    void UpdateAll(IEnumerable<object> facts);

    /// <summary>Updates a fact if present.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether it was updated.</returns>
    /// <exception cref="ArgumentNullException">The fact is null.</exception>
    bool TryUpdate(object fact);

    /// <summary>Retracts a fact.</summary>
    /// <param name="fact">The fact.</param>
    /// <exception cref="ArgumentNullException">The fact is null.</exception>
    /// <exception cref="ArgumentException">The fact is not present.</exception>
    void Retract(object fact);

    /// <summary>Retracts facts as one batch.</summary>
    /// <param name="facts">The facts.</param>
    /// <exception cref="ArgumentNullException">The sequence or a fact is null.</exception>
    /// <exception cref="ArgumentException">A fact is not present (nothing is retracted).</exception>
    void RetractAll(IEnumerable<object> facts);

    /// <summary>Retracts a fact if present.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether it was retracted.</returns>
    /// <exception cref="ArgumentNullException">The fact is null.</exception>
    bool TryRetract(object fact);

    /// <summary>Fires activations until the agenda is empty or an action halts.</summary>
    /// <returns>The number of rules fired.</returns>
    /// <exception cref="RuleRhsExpressionEvaluationException">An action threw and no handler marked it handled.</exception>
    /// <exception cref="RuleLhsExpressionEvaluationException">A fact an action inserted, updated or retracted made a condition throw (passed through unwrapped).</exception>
    int Fire();

    /// <summary>Fires at most <paramref name="maxRulesNumber"/> activations.</summary>
    /// <param name="maxRulesNumber">The most rules to fire.</param>
    /// <returns>The number of rules fired.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative.</exception>
    /// <exception cref="RuleRhsExpressionEvaluationException">An action threw and no handler marked it handled.</exception>
    int Fire(int maxRulesNumber);

    /// <summary>
    /// Fires activations until the agenda is empty, an action halts, or cancellation is requested
    /// (checked before each rule; as in NRules, cancellation stops firing and returns, it does not throw).
    /// </summary>
    /// <param name="cancellationToken">Stops firing between rules.</param>
    /// <returns>The number of rules fired; the rest stay on the agenda.</returns>
    /// <exception cref="RuleRhsExpressionEvaluationException">An action threw and no handler marked it handled.</exception>
    int Fire(CancellationToken cancellationToken);

    /// <summary>Fires at most <paramref name="maxRulesNumber"/> activations, stopping (without throwing) when cancellation is requested.</summary>
    /// <param name="maxRulesNumber">The most rules to fire.</param>
    /// <param name="cancellationToken">Stops firing between rules.</param>
    /// <returns>The number of rules fired; the rest stay on the agenda.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative.</exception>
    /// <exception cref="RuleRhsExpressionEvaluationException">An action threw and no handler marked it handled.</exception>
    int Fire(int maxRulesNumber, CancellationToken cancellationToken);

    /// <summary>The facts of type <typeparamref name="T"/> in working memory (including linked facts), in insertion order.</summary>
    /// <typeparam name="T">The type (or a base type / interface).</typeparam>
    /// <returns>A snapshot of the matching facts.</returns>
    IEnumerable<T> Query<T>();
}

/// <summary>
/// The agenda of a session: activations waiting to fire. Higher <see cref="IRuleDefinition.Priority"/>
/// fires first; within a priority, activations fire in the order they were queued — when their match
/// was created, or, for a repeatable rule whose fired match was updated, when it was queued again.
/// </summary>
/// <remarks>Belongs to one session; not thread-safe.</remarks>
public interface IAgenda
{
    /// <summary>Whether no activation is waiting.</summary>
    bool IsEmpty { get; }

    /// <summary>How many activations are waiting.</summary>
    int Count { get; }
}

/// <summary>Makes sessions for one compiled set of rules.</summary>
/// <remarks>Immutable and thread-safe once built: create sessions from any thread. Set <see cref="DependencyResolver"/> before creating sessions.</remarks>
public interface ISessionFactory
{
    /// <summary>The compiled rules (Or branches are not split here).</summary>
    IReadOnlyList<IRuleDefinition> Rules { get; }

    /// <summary>Factory-level events, raised for every session's events.</summary>
    IEventProvider Events { get; }

    /// <summary>The resolver new sessions start with; set it before creating sessions.</summary>
    IDependencyResolver? DependencyResolver { get; set; }

    /// <summary>Makes a new, empty session (cost independent of the number of rules).</summary>
    /// <returns>The session.</returns>
    ISession CreateSession();
}

/// <summary>Gives a fact an identity other than the object's own equality.</summary>
/// <remarks>The identity must not change while the fact is in working memory.</remarks>
public interface IIdentityProvider
{
    /// <summary>The fact's identity: two facts with equal identities are the same fact.</summary>
    /// <returns>The identity.</returns>
    object GetIdentity();
}

/// <summary>Resolves services for actions (see <see cref="DependencyElement"/> and <see cref="IContext.Resolve(Type)"/>).</summary>
/// <remarks>Implementations must be thread-safe when one is shared by sessions on several threads.</remarks>
public interface IDependencyResolver
{
    /// <summary>Resolves a service.</summary>
    /// <param name="context">Who asks.</param>
    /// <param name="serviceType">The service type.</param>
    /// <returns>The service.</returns>
    object Resolve(IResolutionContext context, Type serviceType);
}

/// <summary>Who asks a <see cref="IDependencyResolver"/> for a service.</summary>
/// <remarks>An immutable snapshot.</remarks>
public interface IResolutionContext
{
    /// <summary>The session.</summary>
    ISession Session { get; }

    /// <summary>The rule whose action runs.</summary>
    IRuleDefinition Rule { get; }
}
