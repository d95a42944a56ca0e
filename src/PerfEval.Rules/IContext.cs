using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules;

/// <summary>
/// What an action sees while it runs: the rule, the matched facts, and operations on the session.
/// </summary>
/// <remarks>Valid only during the action's call, on the session's thread; not thread-safe.</remarks>
public interface IContext
{
    /// <summary>The rule that is firing.</summary>
    IRuleDefinition Rule { get; }

    /// <summary>The matched values, one per declaration of the left-hand side, in order.</summary>
    IReadOnlyList<IFactMatch> Facts { get; }

    /// <summary>Inserts a fact.</summary>
    /// <param name="fact">The fact.</param>
    /// <exception cref="ArgumentException">The fact is already in working memory.</exception>
    void Insert(object fact);

    /// <summary>Inserts facts as one batch.</summary>
    /// <param name="facts">The facts.</param>
    /// <exception cref="ArgumentException">A fact is already in working memory (nothing is inserted).</exception>
    void InsertAll(IEnumerable<object> facts);

    /// <summary>Inserts a fact unless it is already present.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether it was inserted.</returns>
    bool TryInsert(object fact);

    /// <summary>Updates a fact.</summary>
    /// <param name="fact">The fact (or an object with the same identity).</param>
    /// <exception cref="ArgumentException">The fact is not in working memory.</exception>
    void Update(object fact);

    /// <summary>Updates a fact if it is present.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether it was updated.</returns>
    bool TryUpdate(object fact);

    /// <summary>Retracts a fact.</summary>
    /// <param name="fact">The fact.</param>
    /// <exception cref="ArgumentException">The fact is not in working memory.</exception>
    void Retract(object fact);

    /// <summary>Retracts a fact if it is present.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether it was retracted.</returns>
    bool TryRetract(object fact);

    /// <summary>Inserts a fact linked to this activation under <paramref name="key"/>; it is retracted when the match goes away.</summary>
    /// <param name="key">The key, unique within the activation.</param>
    /// <param name="fact">The fact.</param>
    /// <exception cref="ArgumentException">The key is in use or the fact is already present.</exception>
    void InsertLinked(object key, object fact);

    /// <summary>Replaces the fact linked under <paramref name="key"/> (an update when identity-equal, else retract and insert).</summary>
    /// <param name="key">The key.</param>
    /// <param name="fact">The new fact.</param>
    /// <exception cref="ArgumentException">No fact is linked under the key.</exception>
    void UpdateLinked(object key, object fact);

    /// <summary>Retracts the fact linked under <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fact">The linked fact.</param>
    /// <exception cref="ArgumentException">No such fact is linked under the key.</exception>
    void RetractLinked(object key, object fact);

    /// <summary>The fact linked under <paramref name="key"/>, or <see langword="null"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The linked fact, if any.</returns>
    object? GetLinked(object key);

    /// <summary>The keys of this activation's linked facts.</summary>
    /// <returns>The keys.</returns>
    IEnumerable<object> GetLinkedKeys();

    /// <summary>Stops <see cref="ISession.Fire()"/> after the current rule.</summary>
    void Halt();

    /// <summary>Resolves a service through the session's dependency resolver.</summary>
    /// <param name="serviceType">The service type.</param>
    /// <returns>The service.</returns>
    /// <exception cref="InvalidOperationException">No dependency resolver is set.</exception>
    object Resolve(Type serviceType);
}

/// <summary>One matched value of an activation: a declaration and the value bound to it.</summary>
/// <remarks>Implementations are immutable snapshots.</remarks>
public interface IFactMatch
{
    /// <summary>The declaration.</summary>
    Declaration Declaration { get; }

    /// <summary>The bound value (a fact, an aggregation result, or a Let value).</summary>
    object? Value { get; }
}
