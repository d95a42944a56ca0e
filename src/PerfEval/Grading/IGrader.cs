using PerfEval.Model;

namespace PerfEval.Grading;

/// <summary>Grades projects by their schemes' rule sets.</summary>
/// <remarks>Implementations are thread-safe: one grader serves every thread of a host.</remarks>
public interface IGrader
{
    /// <summary>Grades a project by the scheme its evaluation names.</summary>
    /// <param name="evaluation">The project.</param>
    /// <returns>The result.</returns>
    /// <exception cref="SchemeException">When the scheme is not in the catalog.</exception>
    /// <exception cref="EvaluationException">When a leaf can be scored neither by its rule nor from a self-score.</exception>
    GradingResult Grade(ProjectEvaluation evaluation);

    /// <summary>Grades a project by the given scheme.</summary>
    /// <param name="evaluation">The project.</param>
    /// <param name="scheme">The scheme.</param>
    /// <returns>The result.</returns>
    /// <exception cref="EvaluationException">When a leaf can be scored neither by its rule nor from a self-score.</exception>
    GradingResult Grade(ProjectEvaluation evaluation, Scheme scheme);
}
