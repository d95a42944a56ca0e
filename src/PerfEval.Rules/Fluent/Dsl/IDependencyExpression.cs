using System.Linq.Expressions;

namespace PerfEval.Rules.Fluent.Dsl;

/// <summary>
/// Declares services a rule's actions use; they are resolved through the session factory's
/// <see cref="IDependencyResolver"/> when an action runs. A dependency alias may be used only in actions.
/// </summary>
/// <remarks>Not thread-safe: used by one thread while the rule is being defined.</remarks>
public interface IDependencyExpression
{
    /// <summary>Declares a service alias, such as <c>() =&gt; clock</c>.</summary>
    /// <typeparam name="TService">The service type resolved.</typeparam>
    /// <param name="alias">The alias.</param>
    /// <returns>This builder.</returns>
    IDependencyExpression Resolve<TService>(Expression<Func<TService>> alias);
}
