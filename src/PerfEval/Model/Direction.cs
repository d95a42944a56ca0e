namespace PerfEval.Model;

/// <summary>Which way an indicator's actual value should go.</summary>
public enum Direction
{
    /// <summary>Not stated; the method or the value decides.</summary>
    Unspecified,

    /// <summary>正向: more is better.</summary>
    Positive,

    /// <summary>反向: less is better (costs, error rates).</summary>
    Negative,

    /// <summary>等于: must equal the target.</summary>
    Equal,
}
