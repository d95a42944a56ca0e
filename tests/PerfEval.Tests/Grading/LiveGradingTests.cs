using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PerfEval.Grading;
using PerfEval.Model;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Tests.Grading;

/// <summary>
/// Live re-grading (issue 7, part 2): a grading kept open in its NRules session, changed one value at
/// a time, must always equal a fresh grading of the changed evaluation — compared as the whole
/// result file (scores, explanations, findings), not a few figures.
/// </summary>
public sealed class LiveGradingTests
{
    private static readonly Scheme Generated = new SchemeBuilder("generated", "生成方案").WithNationalGrades().Build();
    private static readonly Grader Grader = new(SchemeCatalog.Default.With(Generated));

    private static string Json(GradingResult r) => ResultFile.ToJson(r);

    /// <summary>One change to one leaf (by position among the leaves): its actual (sometimes junk), or its self-score (sometimes none).</summary>
    public sealed record Edit(int Pick, bool SelfScore, int ActualHalves, int SelfCents, bool ClearSelf, bool Junk);

    private static Gen<Edit> Edits =>
        from pick in Gen.Choose(0, 1000)
        from self in Gen.Elements(true, false)
        from halves in Gen.Choose(0, 600)
        from cents in Gen.Choose(0, 2500)
        from clear in Gen.Choose(0, 4)
        from junk in Gen.Choose(0, 9)
        select new Edit(pick, self, halves, cents, clear == 0, junk == 0);

    private static Arbitrary<(TreeSpec Tree, Edit[] Edits)> Cases(int assignedPercent) =>
        TreeGen.Arb(from tree in TreeGen.Trees(assignedPercent: assignedPercent)
                    from count in Gen.Choose(1, 6)
                    from edits in Gen.ArrayOf(Edits, count)
                    select (tree, edits));

    // Generator: TreeGen.Trees (depth 1–3, 1–5 children, all eleven methods, 10% 不适用) and 1–6 random edits
    // per tree, each one value of one leaf: a new actual (0…300 in halves; an unreadable text one time in
    // 10) or a new self-score (0…25; none one time in 5). After every edit the live result must equal a
    // fresh grade of the evaluation built from scratch with the same edits; an edit that the fresh grade
    // refuses must throw the same typed error live and leave the live grading as it was. 1000 cases.
    [Property(MaxTest = 1000)]
    public Property Every_live_result_equals_a_fresh_grade_of_the_changed_evaluation() => LiveEqualsFresh(0);

    // The same with a third of the weights left for the scheme to assign, where a self-score can decide
    // weights (rows whose self-scores fill their block) and so a self-score change must grade afresh. 1000 cases.
    [Property(MaxTest = 1000)]
    public Property Every_live_result_equals_a_fresh_grade_when_the_scheme_assigns_weights() => LiveEqualsFresh(33);

    private static Property LiveEqualsFresh(int assignedPercent) =>
        Prop.ForAll(Cases(assignedPercent), c =>
        {
            ProjectEvaluation current;
            try
            {
                current = TreeGen.Build(c.Tree);
                _ = Grader.Grade(current, Generated);
            }
            catch (EvaluationException)
            {
                return; // a generated tree whose assigned weights cannot be split: nothing to open
            }

            using var live = Grader.Open(current, Generated);
            Assert.Equal(Json(Grader.Grade(current, Generated)), Json(live.Result));
            foreach (var edit in c.Edits)
            {
                var leaves = current.Walk().Where(n => n.IsLeaf).ToArray();
                var leaf = leaves[edit.Pick % leaves.Length];
                var unit = leaf.ActualText is { } t ? new string(t.SkipWhile(ch => char.IsDigit(ch) || ch == '.').ToArray()) : null;
                var actual = edit.Junk ? "无从读起" : leaf.ActualText is null ? null
                    : (leaf.Method?.Kind == MethodKind.PerIncident ? edit.ActualHalves % 12 : edit.ActualHalves / 2m).ToString(System.Globalization.CultureInfo.InvariantCulture) + unit;
                var self = edit.ClearSelf ? (decimal?)null : edit.SelfCents / 100m;
                ProjectEvaluation? next = null;
                string? expected = null;
                EvaluationException? refused = null;
                try
                {
                    // Building can refuse the edit too (an assessed leaf without a score): then so must the live change.
                    next = Rebuild(current, leaf.Path, edit.SelfScore ? leaf.ActualText : actual, edit.SelfScore ? self : leaf.SelfScore);
                    expected = Json(Grader.Grade(next, Generated));
                }
                catch (EvaluationException e)
                {
                    refused = e;
                }

                var before = Json(live.Result);
                var error = Record.Exception(() =>
                {
                    if (edit.SelfScore) live.SetSelfScore(leaf.Path, self);
                    else live.SetActual(leaf.Path, actual);
                });
                if (refused is null)
                {
                    Assert.Null(error);
                    Assert.Equal(expected, Json(live.Result));
                    current = next!;
                }
                else
                {
                    Assert.IsType<EvaluationException>(error);
                    Assert.Equal(before, Json(live.Result));
                }
            }
        });

    /// <summary>The evaluation rebuilt from scratch through the builders, with one leaf's actual text and self-score replaced.</summary>
    private static ProjectEvaluation Rebuild(ProjectEvaluation from, string path, string? actual, decimal? self)
    {
        var e = new EvaluationBuilder(from.Id, from.SchemeId);
        foreach (var root in from.Indicators) e.Indicators.Add(Copy(root, path, actual, self));
        return e.Build();
    }

    private static IndicatorBuilder Copy(Indicator n, string path, string? actual, decimal? self)
    {
        var here = n.Path == path;
        var b = new IndicatorBuilder(n.Name, n.Weight)
        {
            Method = n.Method, Direction = n.Direction, Target = n.TargetText, Actual = here ? actual : n.ActualText, Unit = n.Unit,
            SelfScore = here ? self : n.SelfScore, NotApplicable = n.IsNotApplicable, Checklist = n.Checklist is { } c ? [.. c] : null,
        };
        foreach (var child in n.Children) b.Children.Add(Copy(child, path, actual, self));
        return b;
    }

    [Fact]
    public void A_changed_actual_regrades_the_hebei_seed_as_a_fresh_grade_would()
    {
        var evaluation = EvaluationFile.Load(Repo.Example("seed-hebei-changan-2019.json"));
        using var live = Grader.Open(evaluation);
        var leaf = evaluation.Walk().First(n => n.IsLeaf && n.Actual is { Number: > 0 } && n.Target is { Number: > 0 });
        live.SetActual(leaf.Path, "1");
        Assert.Equal("1", live.Evaluation.Walk().Single(n => n.Path == leaf.Path).ActualText);
        Assert.Equal(Json(Grader.Grade(live.Evaluation)), Json(live.Result));
        Assert.NotEqual(Json(Grader.Grade(evaluation)), Json(live.Result));
    }

    [Fact]
    public void A_row_whose_target_and_actual_both_read_not_applicable_drops_out_live_as_it_does_fresh()
    {
        // A leaf that reads 不适用 in both target and actual is 不适用 (issue 11 item 6): writing 不适用 as the actual
        // of a row whose target already reads so must drop it live too, and the total is then rescaled.
        var b = new EvaluationBuilder("na-live", "generated");
        var a = b.Add("产出指标", 60m);
        a.Add("数量", 30m).Target = "≥10个";
        a.Children[0].Actual = "10个";
        var row = a.Add("质量", 30m);
        (row.Target, row.Actual, row.SelfScore) = ("不适用", "100%", 30m);
        b.Add("效益指标", 40m).Actual = "完成";
        b.Indicators[1].Method = ScoringMethod.Qualitative;
        var evaluation = b.Build();
        using var live = Grader.Open(evaluation, Generated);
        live.SetActual("产出指标/质量", "不适用");
        Assert.True(live.Result["产出指标/质量"].IsNotApplicable);
        Assert.Equal(Json(Grader.Grade(live.Evaluation, Generated)), Json(live.Result));
    }

    [Fact]
    public void An_unknown_path_is_a_typed_error_naming_it_and_changes_nothing()
    {
        var evaluation = EvaluationFile.Load(Repo.Example("seed-hunan-zhijiang-2020.json"));
        using var live = Grader.Open(evaluation);
        var before = Json(live.Result);
        var error = Assert.Throws<EvaluationException>(() => live.SetActual("投入/没有这个指标", "97%"));
        Assert.Equal("UnknownIndicator", error.Problems.Single().Code);
        Assert.Equal("投入/没有这个指标", error.Problems.Single().IndicatorPath);
        Assert.Equal(before, Json(live.Result));
    }

    [Fact]
    public void A_negative_self_score_and_an_actual_on_a_branch_are_refused()
    {
        var evaluation = EvaluationFile.Load(Repo.Example("seed-hunan-zhijiang-2020.json"));
        using var live = Grader.Open(evaluation);
        var leaf = evaluation.Walk().First(n => n.IsLeaf);
        var branch = evaluation.Walk().First(n => !n.IsLeaf);
        Assert.Equal("NegativeScore", Assert.Throws<EvaluationException>(() => live.SetSelfScore(leaf.Path, -1m)).Problems.Single().Code);
        // Out of range for a fresh build (NumberLimit: at most 10^12) is out of range live too.
        Assert.Equal("NumberOutOfRange", Assert.Throws<EvaluationException>(() => live.SetSelfScore(leaf.Path, 1e13m)).Problems.Single().Code);
        Assert.Equal("NotALeaf", Assert.Throws<EvaluationException>(() => live.SetActual(branch.Path, "1")).Problems.Single().Code);
        Assert.Same(evaluation, live.Evaluation);
    }

    [Fact]
    public void A_disposed_grading_refuses_changes()
    {
        var live = Grader.Open(EvaluationFile.Load(Repo.Example("seed-hunan-zhijiang-2020.json")));
        live.Dispose();
        Assert.Throws<ObjectDisposedException>(() => live.Result);
        Assert.Throws<ObjectDisposedException>(() => live.SetSelfScore("投入", 1m));
    }
}
