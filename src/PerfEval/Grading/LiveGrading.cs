using System.Collections.Immutable;
using NRules;
using PerfEval.Model;
using PerfEval.Scoring;

namespace PerfEval.Grading;

/// <summary>
/// A grading kept open in its rules session, for an editor that shows the score while a 自评表 is
/// filled in. Each change replaces one indicator's fact in the session and fires only the rules that
/// follow from it: the leaf's method rule, the sums above it, the total, the grade, and the audit
/// rules that read them. The result after any sequence of changes equals a fresh
/// <see cref="IGrader.Grade(ProjectEvaluation)"/> of <see cref="Evaluation"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: one editor at a time (gradings opened from one <see cref="IGrader"/> on several
/// threads are independent). A change that cannot be made throws and leaves the grading as it was.
/// Dispose when done: the session is dropped.
/// </remarks>
public sealed class LiveGrading : IDisposable
{
    private readonly Func<ProjectEvaluation, (ISession Session, List<object> Facts, List<Finding> Notes)> _start;
    private readonly Scheme _scheme;
    private readonly bool _evaluationIsFact;
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private ISession _session = null!;
    private IReadOnlyList<Finding> _notes = null!;
    private Indicator[] _nodes = null!;
    private object[] _facts = null!;
    private int[] _parent = null!;
    private int[] _slot = null!;
    private int[] _leafAt = null!;
    private bool _weightsAssigned;
    private ProjectFact _project = null!;
    private GradingResult? _result;
    private bool _disposed;

    internal LiveGrading(ProjectEvaluation evaluation, Scheme scheme, bool evaluationIsFact,
        Func<ProjectEvaluation, (ISession Session, List<object> Facts, List<Finding> Notes)> start)
    {
        (_scheme, _evaluationIsFact, _start) = (scheme, evaluationIsFact, start);
        var (session, facts, notes) = start(evaluation);
        Load(session, evaluation, facts, notes);
    }

    /// <summary>Takes over a session that has graded <paramref name="evaluation"/> from its plan.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Evaluation))]
    private void Load(ISession session, ProjectEvaluation evaluation, List<object> facts, IReadOnlyList<Finding> notes)
    {
        var n = evaluation.IndicatorCount;
        (_session, _notes, _result) = (session, notes, null);
        (_nodes, _facts, _parent, _slot, _leafAt) = (new Indicator[n], new object[n], new int[n], new int[n], new int[n]);
        _byPath.Clear();
        var i = 0;
        foreach (var node in evaluation.Walk())
        {
            _nodes[i] = node;
            _byPath[node.Path] = i++;
        }

        _weightsAssigned = false;
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case LeafPlan l:
                    (_facts[l.Index], _parent[l.Index], _slot[l.Index]) = (l, l.ParentIndex, l.Slot);
                    _weightsAssigned |= l.WeightAssigned;
                    break;
                case BranchFact b:
                    (_facts[b.Index], _parent[b.Index], _slot[b.Index]) = (b, b.ParentIndex, b.Slot);
                    _weightsAssigned |= b.WeightAssigned;
                    break;
                case ProjectFact p:
                    _project = p;
                    break;
            }
        }

        for (var k = 0; k < _project.Leaves.Length; k++) _leafAt[_project.Leaves[k].Index] = k;
        Evaluation = evaluation;
    }

    /// <summary>The evaluation as changed so far.</summary>
    public ProjectEvaluation Evaluation { get; private set; }

    /// <summary>The result of <see cref="Evaluation"/>, read from the session (computed once per change).</summary>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public GradingResult Result
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _result ??= Grader.Read(_session, Evaluation, _scheme, _notes);
        }
    }

    /// <summary>Sets a leaf's actual value (实际完成值) as written, e.g. <c>97%</c>; <see langword="null"/> clears it.</summary>
    /// <param name="path">The indicator's path, e.g. <c>产出指标/数量指标/支持中小企业数量</c>.</param>
    /// <param name="actual">The text, read as a fresh evaluation reads it (an unreadable text becomes a finding, as it would there).</param>
    /// <exception cref="EvaluationException">When the path names no leaf, or no rule can score the leaf with this value and it has no self-score.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    /// <exception cref="GradingException">When a rule (typically a host's own) throws on the change; the grading is graded afresh as it was before the change.</exception>
    public void SetActual(string path, string? actual)
    {
        var index = Find(path);
        if (!_nodes[index].IsLeaf)
        {
            throw Problem(path, "NotALeaf", $"“{path}”有下级指标，不能填写实际完成值", $"{path} has children and takes no actual value");
        }

        Change(index, _nodes[index].WithActual(actual), selfScores: false);
    }

    /// <summary>Sets an indicator's self-score (自评得分); <see langword="null"/> clears it.</summary>
    /// <param name="path">The indicator's path; a branch's self-score is its stated subtotal.</param>
    /// <param name="selfScore">The score, not negative.</param>
    /// <exception cref="EvaluationException">When the path is unknown, the score is negative or out of range, or the change leaves a leaf that no rule can score without one.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    /// <exception cref="GradingException">When a rule (typically a host's own) throws on the change; the grading is graded afresh as it was before the change.</exception>
    public void SetSelfScore(string path, decimal? selfScore)
    {
        var index = Find(path);
        var node = _nodes[index];
        var problems = EvaluationBuilder.SelfScoreProblems(selfScore, node.IsLeaf ? node.Method : null, node.IsNotApplicable)
            .Select(p => new Problem(p.Code, path, p.Zh, p.En))
            .ToArray();
        if (problems.Length > 0)
        {
            throw new EvaluationException(Evaluation.File, problems);
        }

        Change(index, node.WithSelfScore(selfScore), selfScores: true);
    }

    /// <summary>Ends the grading: drops the session and its facts (NRules sessions hold no unmanaged resources).</summary>
    public void Dispose()
    {
        _disposed = true;
        (_session, _result, _facts) = (null!, null, []);
    }

    private int Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _byPath.TryGetValue(path, out var index)
            ? index
            : throw Problem(path, "UnknownIndicator", $"没有路径为“{path}”的指标", $"No indicator has the path {path}");
    }

    /// <param name="index">The changed node's tree index.</param>
    /// <param name="changed">The node as changed.</param>
    /// <param name="selfScores">
    /// Whether self-scores changed: the audit reads a branch's children's self-scores through the branch
    /// facts, so those on the path are replaced too. Where the scheme assigned weights, a self-score can
    /// decide them (rows whose self-scores fill their block), so such a change grades afresh.
    /// </param>
    private void Change(int index, Indicator changed, bool selfScores)
    {
        // Everything is computed before anything is touched, so a change that throws changes nothing.
        var path = new List<(int Index, Indicator Node)> { (index, changed) };
        var ancestorNotApplicable = false;
        var (i, node) = (index, changed);
        while (_parent[i] >= 0)
        {
            var p = _parent[i];
            node = _nodes[p].WithChild(_slot[i], node);
            ancestorNotApplicable |= _nodes[p].IsNotApplicable;
            path.Add((p, node));
            i = p;
        }

        var evaluation = Evaluation.WithIndicators(Evaluation.Indicators.SetItem(_slot[i], node));
        if (selfScores && _weightsAssigned)
        {
            var (session, facts, notes) = _start(evaluation);
            Load(session, evaluation, facts, notes);
            return;
        }

        var updates = new List<object>(path.Count + 1);
        LeafPlan? replanned = null;
        foreach (var (at, n) in path)
        {
            switch (_facts[at])
            {
                case LeafPlan leaf:
                    updates.Add(replanned = Planner.Replan(_scheme, evaluation, leaf, n, ancestorNotApplicable));
                    break;
                case BranchFact branch when selfScores:
                    updates.Add(branch with { Indicator = n });
                    break;
            }
        }

        // The project fact carries the evaluation and the planned leaves, which the whole-report audit reads.
        var leaves = replanned is null ? _project.Leaves : _project.Leaves.SetItem(_leafAt[index], replanned);
        var project = _project with { Evaluation = evaluation, Leaves = leaves };
        updates.Add(project);
        var previous = Evaluation;
        try
        {
            Engine.Run(evaluation, () =>
            {
                _session.UpdateAll(updates);
                if (_evaluationIsFact)
                {
                    _session.Retract(Evaluation);
                    _session.Insert(evaluation);
                }
            });
        }
        catch (GradingException)
        {
            Restore(previous);
            throw;
        }

        foreach (var (at, n) in path) _nodes[at] = n;
        foreach (var fact in updates)
        {
            switch (fact)
            {
                case LeafPlan l: _facts[l.Index] = l; break;
                case BranchFact b: _facts[b.Index] = b; break;
            }
        }

        (_project, Evaluation, _result) = (project, evaluation, null);
        try
        {
            Engine.Run(evaluation, () => _session.Fire());
        }
        catch (GradingException)
        {
            Restore(previous);
            throw;
        }
    }

    /// <summary>
    /// After a rule failed mid-change the session holds part of the change: grade the evaluation as it was
    /// afresh, so the grading is left as it was; if even that fails, the grading stays as the rules left it.
    /// </summary>
    private void Restore(ProjectEvaluation previous)
    {
        try
        {
            var (session, facts, notes) = _start(previous);
            Load(session, previous, facts, notes);
        }
        catch (GradingException)
        {
            // The same rule fails on the previous evaluation too: nothing better to return to.
        }
    }

    private EvaluationException Problem(string path, string code, string zh, string en) =>
        new(Evaluation.File, [new Problem(code, path, zh, en)]);
}
