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
/// Dispose when done; the session is released.
/// </remarks>
public sealed class LiveGrading : IDisposable
{
    private readonly ISession _session;
    private readonly Scheme _scheme;
    private readonly IReadOnlyList<Finding> _notes;
    private readonly bool _evaluationIsFact;
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private readonly Indicator[] _nodes;
    private readonly object[] _facts;
    private readonly int[] _parent;
    private readonly int[] _slot;
    private ProjectFact _project;
    private GradingResult? _result;
    private bool _disposed;

    internal LiveGrading(ISession session, ProjectEvaluation evaluation, Scheme scheme, List<object> facts, IReadOnlyList<Finding> notes, bool evaluationIsFact)
    {
        (_session, _scheme, _notes, _evaluationIsFact) = (session, scheme, notes, evaluationIsFact);
        var n = evaluation.IndicatorCount;
        (_nodes, _facts, _parent, _slot) = (new Indicator[n], new object[n], new int[n], new int[n]);
        var i = 0;
        foreach (var node in evaluation.Walk())
        {
            _nodes[i] = node;
            _byPath[node.Path] = i++;
        }

        foreach (var fact in facts)
        {
            switch (fact)
            {
                case LeafPlan l: (_facts[l.Index], _parent[l.Index], _slot[l.Index]) = (l, l.ParentIndex, l.Slot); break;
                case BranchFact b: (_facts[b.Index], _parent[b.Index], _slot[b.Index]) = (b, b.ParentIndex, b.Slot); break;
                case ProjectFact p: _project = p; break;
            }
        }

        _project ??= facts.OfType<ProjectFact>().Single();
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
    /// <exception cref="EvaluationException">When the path is unknown, the score is negative, or the change leaves a leaf that no rule can score without one.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public void SetSelfScore(string path, decimal? selfScore)
    {
        var index = Find(path);
        if (selfScore is < 0)
        {
            throw Problem(path, "NegativeScore", $"自评得分为负：{Num.Show(selfScore.Value)}", $"Negative self-score {Num.Show(selfScore.Value)}");
        }

        var node = _nodes[index];
        if (selfScore is null && node.Method is { Kind: MethodKind.Assessed } && !node.IsNotApplicable)
        {
            throw Problem(path, "MissingSelfScore", "评议计分（assessed）的指标须给出自评得分", "An assessed indicator needs the evaluator's score (selfScore)");
        }

        Change(index, node.WithSelfScore(selfScore), selfScores: true);
    }

    /// <summary>Releases the session.</summary>
    public void Dispose()
    {
        _disposed = true;
        _result = null;
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
    /// Whether self-scores changed: the audit reads a branch's children's self-scores and the report's
    /// sums through the branch and project facts, so those are replaced too. No rule reads an actual
    /// except through its leaf's plan, so a changed actual replaces the leaf's fact alone.
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
        var updates = new List<object>(path.Count + 1);
        foreach (var (at, n) in path)
        {
            if (!selfScores && at != index)
            {
                updates.Add(_facts[at]);
                continue;
            }

            updates.Add(_facts[at] switch
            {
                LeafPlan leaf => Planner.Replan(_scheme, evaluation, leaf, n, ancestorNotApplicable),
                BranchFact branch => branch with { Indicator = n },
                _ => throw new InvalidOperationException($"No fact for {n.Path}."),
            });
        }

        var project = selfScores ? _project with { Evaluation = evaluation } : _project;
        _session.UpdateAll(selfScores ? [.. updates, project] : [updates[0]]);
        if (_evaluationIsFact)
        {
            _session.Retract(Evaluation);
            _session.Insert(evaluation);
        }

        foreach (var (at, n) in path) _nodes[at] = n;
        for (var k = 0; k < path.Count; k++) _facts[path[k].Index] = updates[k];
        (_project, Evaluation, _result) = (project, evaluation, null);
        _session.Fire();
    }

    private EvaluationException Problem(string path, string code, string zh, string en) =>
        new(Evaluation.File, [new Problem(code, path, zh, en)]);
}
