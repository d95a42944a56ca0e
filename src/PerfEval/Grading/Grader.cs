using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PerfEval.Model;
using NRules;
using PerfEval.Schemes;
using PerfEval.Scoring;

namespace PerfEval.Grading;

/// <summary>
/// Grades projects: resolves each against its scheme, runs the scheme's rule sets (scoring, roll-up,
/// grading, policies, audit) in a fresh engine session, and reads the result. Each scheme compiles
/// once into a session factory, cached for the scheme's lifetime.
/// </summary>
/// <remarks>Thread-safe: share one grader across threads. Each grading uses its own session.</remarks>
public sealed class Grader : IGrader
{
    private readonly SchemeCatalog _catalog;
    private readonly ConditionalWeakTable<Scheme, ISessionFactory> _factories = new();

    /// <summary>Creates a grader over the built-in schemes.</summary>
    public Grader()
        : this(SchemeCatalog.Default)
    {
    }

    /// <summary>Creates a grader over a catalog of schemes.</summary>
    /// <param name="catalog">The catalog that resolves an evaluation's scheme id.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="catalog"/> is null.</exception>
    public Grader(SchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>The catalog this grader resolves schemes from.</summary>
    public SchemeCatalog Catalog => _catalog;

    /// <inheritdoc/>
    public GradingResult Grade(ProjectEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Grade(evaluation, _catalog.Get(evaluation.SchemeId));
    }

    /// <inheritdoc/>
    public GradingResult Grade(ProjectEvaluation evaluation, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(scheme);
        var (facts, notes) = Planner.Plan(scheme, evaluation);
        var session = FactoryFor(scheme).CreateSession();
        session.InsertAll(facts);
        session.Fire();
        return Read(session, evaluation, scheme, notes);
    }

    /// <inheritdoc/>
    /// <remarks>Chunks of <see cref="BatchOptions.ChunkSize"/> records are graded in parallel; output keeps input order.</remarks>
    public IEnumerable<BatchResult> GradeAll(Stream jsonLines, BatchOptions? options = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return BatchGrading.Grade(this, jsonLines, fileName, options);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<BatchResult> GradeAllAsync(Stream jsonLines, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return BatchGrading.GradeAsync(this, jsonLines, null, options, cancellationToken);
    }

    /// <summary>The compiled rules of a scheme: the shared rule sets plus its policies.</summary>
    internal ISessionFactory FactoryFor(Scheme scheme) =>
        _factories.GetValue(scheme, static s => new RuleCompiler().Compile(GradingRules.Base.Concat(GradingRules.PolicyRules(s))));

    internal static GradingResult Read(ISession session, ProjectEvaluation evaluation, Scheme scheme, IReadOnlyList<Finding> notes)
    {
        var total = session.Query<TotalScore>().SingleOrDefault();
        var final = session.Query<FinalTotal>().SingleOrDefault();
        var grade = session.Query<FinalGrade>().SingleOrDefault();
        if (total is null || final is null || grade is null)
        {
            throw new InvalidOperationException($"Grading {evaluation.Id} by {scheme.Id} reached no total: the rule sets are incomplete.");
        }

        var scores = session.Query<NodeScore>().ToDictionary(s => s.Index);
        var indicators = ImmutableArray.CreateBuilder<IndicatorResult>(evaluation.IndicatorCount);
        var index = 0;
        foreach (var node in evaluation.Walk())
        {
            var s = scores[index++];
            indicators.Add(new IndicatorResult(node.Path, node.Name, node.Level, s.Weight, Planner.PrintedWeight(node) is null, s.Score, node.SelfScore,
                node.IsLeaf, node.IsNotApplicable || (s.ApplicableWeight == 0 && s.Weight > 0), s.Explanation));
        }

        var findings = session.Query<FindingFact>().Select(f => f.Finding).Concat(notes)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.MessageEn, StringComparer.Ordinal)
            .ToImmutableArray();
        var explanation = final.Adjustments.IsEmpty
            ? total.Explanation
            : total.Explanation with
            {
                Arithmetic = $"{total.Explanation.Arithmetic}; {string.Join("; ", final.Adjustments)} → {Num.Fixed(final.Total, scheme.Rounding.Places)}",
            };
        return new GradingResult(evaluation, scheme, final.Total, explanation, grade.Band, indicators.MoveToImmutable(), findings);
    }
}
