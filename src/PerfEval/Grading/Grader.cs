using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PerfEval.Model;
using NRules;
using PerfEval.Schemes;
using PerfEval.Scoring;

namespace PerfEval.Grading;

/// <summary>
/// Grades projects: resolves each against its scheme, runs the scheme's rule sets (scoring, roll-up,
/// grading, policies, audit, and a host's own rules) in a fresh NRules session, and reads the result.
/// Each scheme compiles once into an NRules session factory, cached for the scheme's lifetime.
/// </summary>
/// <remarks>Thread-safe: share one grader across threads. Each grading uses its own session.</remarks>
public sealed class Grader : IGrader
{
    private readonly SchemeCatalog _catalog;
    private readonly HostRules.Compiled _hostRules;
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
        : this(catalog, null)
    {
    }

    /// <summary>Creates a grader over a catalog of schemes that also runs a host's own NRules rules.</summary>
    /// <param name="catalog">The catalog that resolves an evaluation's scheme id.</param>
    /// <param name="hostRules">The host's rules, copied now; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="catalog"/> is null.</exception>
    public Grader(SchemeCatalog catalog, HostRules? hostRules)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _hostRules = hostRules?.Freeze() ?? HostRules.Compiled.None;
    }

    /// <summary>The catalog this grader resolves schemes from.</summary>
    public SchemeCatalog Catalog => _catalog;

    /// <inheritdoc/>
    public GradingResult Grade(ProjectEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Grade(evaluation, SchemeOf(evaluation));
    }

    /// <summary>The evaluation's scheme; an unknown one is refused at the evaluation's <c>$.scheme</c>, in its file.</summary>
    private Scheme SchemeOf(ProjectEvaluation evaluation)
    {
        if (_catalog.TryGet(evaluation.SchemeId, out var scheme))
        {
            return scheme;
        }

        try
        {
            return _catalog.Get(evaluation.SchemeId);
        }
        catch (SchemeException e)
        {
            throw new SchemeException(evaluation.File, [.. e.Problems.Select(p => p with { JsonPath = p.JsonPath ?? "$.scheme" })], e);
        }
    }

    /// <inheritdoc/>
    public GradingResult Grade(ProjectEvaluation evaluation, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(scheme);
        var (session, _, notes) = Start(evaluation, scheme);
        return Read(session, evaluation, scheme, notes);
    }

    /// <inheritdoc/>
    public LiveGrading Open(ProjectEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Open(evaluation, SchemeOf(evaluation));
    }

    /// <inheritdoc/>
    public LiveGrading Open(ProjectEvaluation evaluation, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(scheme);
        return new LiveGrading(evaluation, scheme, !_hostRules.IsEmpty, e => Start(e, scheme));
    }

    private (ISession Session, List<object> Facts, List<Finding> Notes) Start(ProjectEvaluation evaluation, Scheme scheme)
    {
        var (facts, notes) = Planner.Plan(scheme, evaluation);
        var session = FactoryFor(scheme).CreateSession();
        Engine.Run(evaluation, () =>
        {
            session.InsertAll(facts);
            if (!_hostRules.IsEmpty) session.Insert(evaluation);
            session.Fire();
        });
        return (session, facts, notes);
    }

    /// <inheritdoc/>
    /// <remarks>Chunks of <see cref="BatchOptions.ChunkSize"/> records are graded in parallel; output keeps input order.</remarks>
    public IEnumerable<BatchResult> GradeAll(Stream jsonLines, BatchOptions? options = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return BatchGrading.Grade(this, jsonLines, fileName, options);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<BatchResult> GradeAllAsync(Stream jsonLines, BatchOptions? options = null, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return BatchGrading.GradeAsync(this, jsonLines, fileName, options, cancellationToken);
    }

    /// <summary>The compiled rules of a scheme: the shared rule sets plus its policies.</summary>
    internal ISessionFactory FactoryFor(Scheme scheme) =>
        _factories.GetValue(scheme, s => Engine.Watch(Compiler().Compile(GradingRules.Base.Concat(GradingRules.PolicyRules(s)).Concat(_hostRules.For(s.Id)))));

    private static RuleCompiler Compiler()
    {
        // Findings and adjustments are records, and NRules takes equal facts for one: two rules that
        // say the same thing would collide. Each one said is its own fact.
        var compiler = new RuleCompiler();
        compiler.FactIdentityComparerRegistry.RegisterComparer(ByReference<Finding>.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer(ByReference<FindingFact>.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer(ByReference<ScoreAdjustment>.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer(ByReference<Adjustment>.Instance);
        return compiler;
    }

    private sealed class ByReference<T> : IEqualityComparer<T>
        where T : class
    {
        public static ByReference<T> Instance { get; } = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }

    internal static GradingResult Read(ISession session, ProjectEvaluation evaluation, Scheme scheme, IReadOnlyList<Finding> notes)
    {
        // One pass over working memory: NRules' Query<T>() is an IQueryable, and each LINQ operator
        // on it compiles an expression tree, which costs more than the whole grading.
        TotalScore? total = null;
        FinalTotal? final = null;
        FinalGrade? grade = null;
        var scores = new NodeScore?[evaluation.IndicatorCount];
        var found = new List<Finding>(notes);
        foreach (var fact in session.Query<object>().AsEnumerable())
        {
            switch (fact)
            {
                case NodeScore s: scores[s.Index] = s; break;
                case FindingFact f: found.Add(f.Finding); break;
                case Finding f: found.Add(f); break;
                case TotalScore t: total = t; break;
                case FinalTotal t: final = t; break;
                case FinalGrade g: grade = g; break;
            }
        }

        if (total is null || final is null || grade is null)
        {
            throw new InvalidOperationException($"Grading {evaluation.Id} by {scheme.Id} reached no total: the rule sets are incomplete.");
        }

        var indicators = ImmutableArray.CreateBuilder<IndicatorResult>(evaluation.IndicatorCount);
        var index = 0;
        foreach (var node in evaluation.Walk())
        {
            var s = scores[index++] ?? throw new InvalidOperationException($"Grading {evaluation.Id} by {scheme.Id} left {node.Path} unscored: the rule sets are incomplete.");
            indicators.Add(new IndicatorResult(node.Path, node.Name, node.Level, s.Weight, Planner.PrintedWeight(node) is null, s.Score, node.SelfScore,
                node.IsLeaf, node.IsNotApplicable || (s.ApplicableWeight == 0 && s.Weight > 0), s.Explanation));
        }

        var findings = found
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
