namespace PerfEval.Rules.RuleModel;

/// <summary>
/// A named, typed slot in a rule: the fact a pattern matches, a value a binding computes, or a
/// service a dependency resolves. Lambda parameters in conditions, bindings, filters and actions
/// bind to declarations by parameter name.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Two declarations are equal when their <see cref="Name"/> (ordinal)
/// and <see cref="Type"/> are equal, because lambdas refer to declarations by name.
/// </remarks>
public sealed class Declaration : IEquatable<Declaration>
{
    internal Declaration(Type type, string name)
    {
        Type = type;
        Name = name;
    }

    /// <summary>The name, unique within a rule; lambda parameters with this name bind to it.</summary>
    public string Name { get; }

    /// <summary>The CLR type of the value this declaration stands for.</summary>
    public Type Type { get; }

    /// <summary>Whether <paramref name="other"/> has the same name and type.</summary>
    /// <param name="other">The declaration to compare with.</param>
    /// <returns><see langword="true"/> when name and type are equal.</returns>
    public bool Equals(Declaration? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Type == other.Type;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Declaration);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), Type);

    /// <summary>The declaration as <c>name: Type</c>.</summary>
    /// <returns>A readable form for messages.</returns>
    public override string ToString() => Name + ": " + Type.Name;
}
