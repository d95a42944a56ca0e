using System.Reflection;

namespace PerfEval.Rules.Fluent;

/// <summary>
/// Says which rule classes <see cref="RuleRepository.Load(Action{IRuleLoadSpec})"/> loads and into
/// which rule set. Calls accumulate: several <c>From</c> calls add sources, several <c>Where</c>
/// calls must all hold.
/// </summary>
/// <remarks>Not thread-safe; used only inside the <c>Load</c> callback.</remarks>
public interface IRuleLoadSpec
{
    /// <summary>Loads every concrete rule class in the assemblies (sorted by full name).</summary>
    /// <param name="assemblies">The assemblies.</param>
    /// <returns>This spec.</returns>
    /// <exception cref="ArgumentNullException">The array or an assembly is null.</exception>
    IRuleLoadSpec From(params Assembly[] assemblies);

    /// <summary>Loads the given rule classes, in order.</summary>
    /// <param name="types">Concrete, non-generic classes deriving from <see cref="Dsl.Rule"/>.</param>
    /// <returns>This spec.</returns>
    /// <exception cref="ArgumentNullException">The array or a type is null.</exception>
    /// <exception cref="ArgumentException">A type is not a concrete rule class.</exception>
    IRuleLoadSpec From(params Type[] types);

    /// <summary>Loads only rule classes whose metadata satisfies <paramref name="filter"/>.</summary>
    /// <param name="filter">The filter, such as <c>r =&gt; r.IsTagged("scoring")</c>.</param>
    /// <returns>This spec.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is null.</exception>
    IRuleLoadSpec Where(Func<IRuleMetadata, bool> filter);

    /// <summary>Puts the rules into the rule set named <paramref name="ruleSetName"/> (default "default"), creating it if needed.</summary>
    /// <param name="ruleSetName">The rule set's name.</param>
    /// <returns>This spec.</returns>
    /// <exception cref="ArgumentException"><paramref name="ruleSetName"/> is null, empty or white space.</exception>
    IRuleLoadSpec To(string ruleSetName);
}

/// <summary>Creates instances of rule classes for <see cref="RuleRepository"/>; replace it to construct rules through a container.</summary>
/// <remarks>Implementations must be safe to call from the thread that loads rules.</remarks>
public interface IRuleActivator
{
    /// <summary>Creates the rule instances of <paramref name="type"/> (usually one; none skips the class).</summary>
    /// <param name="type">A concrete rule class.</param>
    /// <returns>The instances.</returns>
    IEnumerable<Dsl.Rule> Activate(Type type);
}

/// <summary>The default <see cref="IRuleActivator"/>: one instance through the class's parameterless constructor (public or not).</summary>
/// <remarks>Stateless and thread-safe. It creates only rule classes the host chose to load (code, not data).</remarks>
public sealed class RuleActivator : IRuleActivator
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a concrete rule class.</exception>
    /// <exception cref="MissingMethodException"><paramref name="type"/> has no parameterless constructor.</exception>
    public IEnumerable<Dsl.Rule> Activate(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!RuleLoadSpec.IsRuleType(type))
        {
            throw new ArgumentException("'" + type.FullName + "' is not a concrete rule class.", nameof(type));
        }

        return new[] { (Dsl.Rule)Activator.CreateInstance(type, nonPublic: true)! };
    }
}
