namespace PerfEval.Rules.RuleModel;

/// <summary>The kind of aggregation an <see cref="AggregateElement"/> performs.</summary>
public enum AggregateKind
{
    /// <summary>All matching facts as one <see cref="IReadOnlyCollection{T}"/> (empty when none match).</summary>
    Collect,

    /// <summary>One <see cref="IGrouping{TKey,TElement}"/> per key ("KeySelector", optional "ElementSelector").</summary>
    GroupBy,

    /// <summary>The exact <see cref="decimal"/> sum of "Selector" over matching facts (0 when none match).</summary>
    Sum,

    /// <summary>The least <see cref="decimal"/> value of "Selector"; no result when no fact matches.</summary>
    Min,

    /// <summary>The greatest <see cref="decimal"/> value of "Selector"; no result when no fact matches.</summary>
    Max,

    /// <summary>The number of matching facts as an <see cref="int"/> (0 when none match).</summary>
    Count,

    /// <summary>One result per matching fact: the value of "Selector" (LINQ's Select).</summary>
    Project,

    /// <summary>One result per element of the sequence "Selector" returns for each matching fact (LINQ's SelectMany).</summary>
    Flatten,
}

/// <summary>When an action runs, relative to its activation.</summary>
[Flags]
public enum ActionTrigger
{
    /// <summary>Never (not valid on an action).</summary>
    None = 0,

    /// <summary>When a new match fires.</summary>
    Activated = 1,

    /// <summary>When a match that already fired fires again because a fact in it was updated.</summary>
    Reactivated = 2,

    /// <summary>When a match that fired goes away (a fact in it was retracted or no longer matches).</summary>
    Deactivated = 4,
}

/// <summary>Whether a rule fires again for a match whose facts were updated.</summary>
public enum RuleRepeatability
{
    /// <summary>The rule fires again when a fact in a fired match is updated (the default).</summary>
    Repeatable = 0,

    /// <summary>The rule fires once per match, however often its facts are updated.</summary>
    NonRepeatable = 1,
}
