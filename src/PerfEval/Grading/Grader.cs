using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
/// <remarks>
/// Thread-safe: share one grader across threads. Each grading uses its own session.
/// It logs a scheme's compilation and each batch's start and end (Information) and each unusable batch record
/// (Warning) to the logger given, never a single grading above Debug; it counts gradings, their duration, findings
/// and batch records on the meter <see cref="PerfEvalTelemetry.MeterName"/> and traces each grading and batch on the
/// activity source <see cref="PerfEvalTelemetry.ActivitySourceName"/>.
/// </remarks>
public sealed class Grader : IGrader
{
    private readonly SchemeCatalog _catalog;
    private readonly HostRules.Compiled _hostRules;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<Scheme, Lazy<ISessionFactory>>.CreateValueCallback _compile;
    // Lazy: the table may run its callback on two threads at once (the first gradings of a batch) and keep one
    // result; the Lazy makes that one compilation, not two.
    private readonly ConditionalWeakTable<Scheme, Lazy<ISessionFactory>> _factories = new();

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
        : this(catalog, hostRules, null)
    {
    }

    /// <summary>Creates a grader over a catalog of schemes, with a host's own rules, that logs to a logger.</summary>
    /// <param name="catalog">The catalog that resolves an evaluation's scheme id.</param>
    /// <param name="hostRules">The host's rules, copied now; <see langword="null"/> for none.</param>
    /// <param name="logger">Where scheme compilations and batches are logged; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="catalog"/> is null.</exception>
    public Grader(SchemeCatalog catalog, HostRules? hostRules, ILogger<Grader>? logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _hostRules = hostRules?.Freeze() ?? HostRules.Compiled.None;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _compile = s => new Lazy<ISessionFactory>(() => Compile(s), LazyThreadSafetyMode.ExecutionAndPublication);
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
        var started = Stopwatch.GetTimestamp();
        using var activity = Telemetry.Source.StartActivity("perfeval.grade");
        activity?.SetTag("scheme", scheme.Id);
        activity?.SetTag("project", evaluation.Id);
        try
        {
            var (session, _, notes) = Start(evaluation, scheme);
            var result = Read(session, evaluation, scheme, notes);
            Telemetry.Graded(result, started);
            activity?.SetTag("grade", result.Grade.Name);
            _logger.Graded(evaluation.Id, scheme.Id, result.Total, result.Grade.Name);
            return result;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
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
        return Observed(BatchGrading.Grade(this, jsonLines, fileName, options), fileName);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<BatchResult> GradeAllAsync(Stream jsonLines, BatchOptions? options = null, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        return ObservedAsync(BatchGrading.GradeAsync(this, jsonLines, fileName, options, cancellationToken), fileName, cancellationToken);
    }

    /// <summary>
    /// A batch as it is handed out: one activity around it (the current one while a record is being produced, so
    /// the gradings are its children; not while the caller holds a record), its start and end logged, its records
    /// and errors counted.
    /// </summary>
    private IEnumerable<BatchResult> Observed(IEnumerable<BatchResult> records, string? fileName)
    {
        var batch = new BatchObserver(_logger, fileName);
        using var enumerator = batch.Step(records.GetEnumerator);
        try
        {
            while (batch.Step(enumerator.MoveNext))
            {
                batch.Saw(enumerator.Current);
                yield return enumerator.Current;
            }

            batch.Finished();
        }
        finally
        {
            batch.Dispose();
        }
    }

    private async IAsyncEnumerable<BatchResult> ObservedAsync(IAsyncEnumerable<BatchResult> records, string? fileName,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new BatchObserver(_logger, fileName);
        try
        {
            var enumerator = batch.Step(() => records.GetAsyncEnumerator(cancellationToken));
            await using (enumerator.ConfigureAwait(false))
            {
                while (await batch.Step(enumerator.MoveNextAsync).ConfigureAwait(false))
                {
                    batch.Saw(enumerator.Current);
                    yield return enumerator.Current;
                }
            }

            batch.Finished();
        }
        finally
        {
            batch.Dispose();
        }
    }

    /// <summary>One batch's activity, counts and log lines.</summary>
    private sealed class BatchObserver : IDisposable
    {
        private readonly ILogger _logger;
        private readonly string _file;
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _activity;
        private long _records;
        private long _errors;

        public BatchObserver(ILogger logger, string? fileName)
        {
            _logger = logger;
            _file = fileName ?? "(stream)";
            var previous = Activity.Current;
            _activity = Telemetry.Source.StartActivity("perfeval.batch");
            _activity?.SetTag("file", _file);
            Activity.Current = previous;
            _logger.BatchStarted(_file);
        }

        /// <summary>Runs a step of the batch under its activity; a failure marks the activity.</summary>
        public T Step<T>(Func<T> step)
        {
            var previous = Activity.Current;
            if (_activity is not null) Activity.Current = _activity;
            try
            {
                return step();
            }
            catch (Exception e)
            {
                _activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                throw;
            }
            finally
            {
                Activity.Current = previous;
            }
        }

        public async ValueTask<bool> Step(Func<ValueTask<bool>> step)
        {
            var previous = Activity.Current;
            if (_activity is not null) Activity.Current = _activity;
            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                throw;
            }
            finally
            {
                Activity.Current = previous;
            }
        }

        public void Saw(BatchResult record)
        {
            _records++;
            Telemetry.BatchRecords.Add(1);
            if (record.IsError)
            {
                _errors++;
                Telemetry.BatchErrors.Add(1);
                var problem = record.Error.Problems.Count > 0 ? record.Error.Problems[0] : null;
                _logger.UnusableRecord(_file, record.Line, problem?.JsonPath, problem?.Code);
            }
        }

        public void Finished()
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            _activity?.SetTag("records", _records);
            _activity?.SetTag("errors", _errors);
            _logger.BatchFinished(_file, _records, _errors, seconds, seconds > 0 ? _records / seconds : 0);
        }

        public void Dispose() => _activity?.Dispose();
    }

    /// <summary>The compiled rules of a scheme: the shared rule sets plus its policies.</summary>
    internal ISessionFactory FactoryFor(Scheme scheme) => _factories.GetValue(scheme, _compile).Value;

    private ISessionFactory Compile(Scheme scheme)
    {
        var started = Stopwatch.GetTimestamp();
        var rules = GradingRules.Base.Concat(GradingRules.PolicyRules(scheme)).Concat(_hostRules.For(scheme.Id)).ToList();
        var factory = Engine.Watch(Compiler().Compile(rules));
        _logger.SchemeCompiled(scheme.Id, rules.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return factory;
    }

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
