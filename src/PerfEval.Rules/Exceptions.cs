namespace PerfEval.Rules;

/// <summary>Base of the engine's exceptions.</summary>
/// <remarks>Immutable.</remarks>
public abstract class RuleException : Exception
{
    /// <summary>Makes the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="ruleName">The rule concerned.</param>
    /// <param name="innerException">The cause.</param>
    private protected RuleException(string message, string ruleName, Exception? innerException)
        : base(message, innerException) => RuleName = ruleName;

    /// <summary>The rule concerned (several, comma-separated, when a shared expression failed).</summary>
    public string RuleName { get; }
}

/// <summary>A rule could not be compiled.</summary>
/// <remarks>Immutable.</remarks>
public sealed class RuleCompilationException : RuleException
{
    internal RuleCompilationException(string message, string ruleName, string element, Exception? innerException)
        : base(message, ruleName, innerException) => Element = element;

    /// <summary>The element that could not be compiled, as text.</summary>
    public string Element { get; }
}

/// <summary>Base of errors raised while a session runs.</summary>
/// <remarks>Immutable.</remarks>
public abstract class RuleExecutionException : RuleException
{
    private protected RuleExecutionException(string message, string ruleName, string expression, IReadOnlyList<object?> facts, Exception innerException)
        : base(message, ruleName, innerException)
    {
        Expression = expression;
        Facts = facts;
    }

    /// <summary>The expression that failed, as text.</summary>
    public string Expression { get; }

    /// <summary>The values it was evaluated on.</summary>
    public IReadOnlyList<object?> Facts { get; }
}

/// <summary>A condition, binding, filter or aggregate expression threw.</summary>
/// <remarks>Immutable.</remarks>
public sealed class RuleLhsExpressionEvaluationException : RuleExecutionException
{
    internal RuleLhsExpressionEvaluationException(string message, string ruleName, string expression, IReadOnlyList<object?> facts, Exception innerException)
        : base(message, ruleName, expression, facts, innerException)
    {
    }
}

/// <summary>An action threw.</summary>
/// <remarks>Immutable.</remarks>
public sealed class RuleRhsExpressionEvaluationException : RuleExecutionException
{
    internal RuleRhsExpressionEvaluationException(string message, string ruleName, string expression, IReadOnlyList<object?> facts, Exception innerException)
        : base(message, ruleName, expression, facts, innerException)
    {
    }
}
