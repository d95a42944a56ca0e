using System.Globalization;
using PerfEval.Grading;
using PerfEval.Serialization;
using PerfEval.Tests.Serialization;
using Xunit.Abstractions;

namespace PerfEval.Tests.Grading;

/// <summary>
/// The audit read as a careful auditor reads a 自评表: for each seed example and each small synthetic
/// report, the exact set of findings expected (code, severity, path) — no more, no less. The expected
/// sets come from the seed reports (DOMAIN.md §6) and from the arithmetic in each case's comment. The
/// test prints precision and recall over all expected findings, so a regression shows as a number going down.
/// </summary>
public sealed class AuditFidelityTests(ITestOutputHelper output)
{
    private const string E = "Error", W = "Warning", I = "Info";

    /// <summary>
    /// A national-2020 report with every weight printed, every row at target (rules' total 100):
    /// 预算执行率 10 (100%); 产出 50 = 培训人数 30 (≥100人, 100人) + 合格率 20 (≥95%, 96%);
    /// 效益 30 = 政策知晓率 30 (≥90%, 92%); 满意度 10 = 服务对象满意度 10 (≥90%, 95%).
    /// </summary>
    private const string Base = """
        {"format":"perfeval/evaluation@1","scheme":"national-2020","project":{"id":"x"},"indicators":[
          {"name":"预算执行率","weight":10,"actual":"100%"},
          {"name":"产出指标","weight":50,"children":[
            {"name":"数量指标","weight":30,"children":[{"name":"培训人数","weight":30,"target":"≥100人","actual":"100人"}]},
            {"name":"质量指标","weight":20,"children":[{"name":"合格率","weight":20,"target":"≥95%","actual":"96%"}]}]},
          {"name":"效益指标","weight":30,"children":[
            {"name":"社会效益指标","weight":30,"children":[{"name":"政策知晓率","weight":30,"target":"≥90%","actual":"92%"}]}]},
          {"name":"满意度指标","weight":10,"children":[{"name":"服务对象满意度","weight":10,"target":"≥90%","actual":"95%"}]}
        ]}
        """;

    private const string Q = "产出指标/数量指标/培训人数", G = "产出指标/质量指标/合格率", K = "效益指标/社会效益指标/政策知晓率", S = "满意度指标/服务对象满意度";

    /// <summary>Every row's self-score at full marks: 10 + 30 + 20 + 30 + 10 = 100.</summary>
    private static string FullSelf(string json) => json
        .Replace("\"actual\":\"100%\"", "\"actual\":\"100%\",\"selfScore\":10", StringComparison.Ordinal)
        .Replace("\"actual\":\"100人\"", "\"actual\":\"100人\",\"selfScore\":30", StringComparison.Ordinal)
        .Replace("\"actual\":\"96%\"", "\"actual\":\"96%\",\"selfScore\":20", StringComparison.Ordinal)
        .Replace("\"actual\":\"92%\"", "\"actual\":\"92%\",\"selfScore\":30", StringComparison.Ordinal)
        .Replace("\"actual\":\"95%\"", "\"actual\":\"95%\",\"selfScore\":10", StringComparison.Ordinal);

    private static string With(string json, string reported) =>
        json.Replace("\"project\":{\"id\":\"x\"}", "\"project\":{\"id\":\"x\"}," + reported, StringComparison.Ordinal);

    private static string R(string json, string from, string to) => json.Replace(from, to, StringComparison.Ordinal);

    public static TheoryData<string> Cases => [.. All.Select(c => c.Name)];

    private static readonly (string Name, Func<string> Json, string[] Expected)[] All =
    [
        // ---- the seven seed examples (docs/examples), expected from the seed reports
        ("seed Guangdong: assessed scores, no stated total", Seed("seed-guangdong-dabu-2021.json"), []),
        // 10 + 39.32 + 10 + 10 + 20 + 10 = 99.32 as stated: the report adds up. The rules give 预算执行率
        // 118.68 ÷ 122.22 × 10 = 9.71, not the self-scored 10: total 99.03, −0.29 from the stated 99.32.
        ("seed Hainan: adds up, 预算执行率 self-score off-rule", Seed("seed-hainan-baoting-2021.json"),
            [$"RuleTotalDiffers {W} -", $"SelfScoreDiffersFromRule {W} 预算执行率"]),
        // Every row at target but 满意度 76% of 95% → 8, self-scored 8: 98 as stated, 优秀 as stated.
        ("seed Hebei: 98 excellent, no findings", Seed("seed-hebei-changan-2019.json"), []),
        // 18 + 30 + 19.6 + 29 = 96.6 → 97 at whole points, stated 96: the report's arithmetic. 15 rows carry no
        // figures a rule can read (9 checklists without answers, 2 rates and 4 per-point rows without actuals).
        ("seed Hunan: own scores add up to 96.6, stated 96", Seed("seed-hunan-zhijiang-2020.json"),
        [
            $"ReportedTotalMismatch {E} -",
            .. new[]
            {
                "投入/项目立项/项目立项规范性", "投入/项目立项/绩效目标合理性", "投入/项目立项/绩效指标明确性", "投入/资金落实/资金到位率", "投入/资金落实/到位及时率",
                "过程/业务管理/管理制度健全性", "过程/业务管理/制度执行有效性", "过程/业务管理/项目质量可控性",
                "过程/财务管理/管理制度健全性", "过程/财务管理/资金使用合规性", "过程/财务管理/财务监控有效性",
                "产出/项目产出/实际完成率", "产出/项目产出/完成及时率", "产出/项目产出/质量达标率", "产出/项目产出/成本节约率",
            }.Select(p => $"SelfScoreUsed {I} {p}"),
        ]),
        // 99494 元 against 99490 元 (and the prose's 99490.00元); two 不适用 rows; weights from the scheme.
        ("seed Sichuan equipment", Seed("seed-sichuan-yanbian-2021-equipment.json"),
        [
            $"CostOverTarget {W} 完成指标/成本指标/采购金额", $"TextTableMismatch {W} 完成指标/成本指标/采购金额",
            $"OutcomeAssumed {W} 满意度指标/满意度指标/参保企业及办事群众满意率", $"NotApplicableRescaled {I} -", $"WeightAssigned {I} -",
        ]),
        ("seed Sichuan network", Seed("seed-sichuan-yanbian-2021-network.json"),
        [
            $"OutcomeAssumed {W} 完成指标/数量指标/社会保险业务下沉乡镇个数，预计服务人数", $"OutcomeAssumed {W} 效益指标/可持续影响指标/参保群众覆盖人数",
            $"UnreadableValue {I} 完成指标/数量指标/社会保险业务下沉乡镇个数，预计服务人数", $"WeightAssigned {I} -",
        ]),
        // The 数量指标 target is 14003人; its actual says 完成 and gives no head count.
        ("seed Sichuan subsidy", Seed("seed-sichuan-yanbian-2021-subsidy.json"),
        [
            $"CompletionWordForNumber {W} 完成指标/数量指标/城乡居民养老保险县级配套资金涉及参保人数",
            $"OutcomeAssumed {W} 效益指标/可持续影响指标/按现行政策及标准持续配套", $"NotApplicableRescaled {I} -", $"WeightAssigned {I} -",
        ]),

        // ---- synthetic reports
        ("adds up: Σ 得分 100 = stated 100, 优 as stated", () => With(FullSelf(Base), "\"reported\":{\"total\":100,\"grade\":\"优\"}"), []),
        // Σ 得分 100, stated 99; the rules' total is also 100, so the gap is the report's arithmetic alone.
        ("does not add up: Σ 得分 100, stated 99", () => With(FullSelf(Base), "\"reported\":{\"total\":99}"), [$"ReportedTotalMismatch {E} -"]),
        // 满意度 76% of ≥90%: 10 × 76 ÷ 90 = 8.444… → 8.44, self-scored 10. Σ 得分 = 100 = stated; rules 98.44.
        ("adds up but off-rule: 满意度 76% self-scored 10", () => With(R(FullSelf(Base), "\"actual\":\"95%\"", "\"actual\":\"76%\""), "\"reported\":{\"total\":100}"),
            [$"RuleTotalDiffers {W} -", $"SelfScoreDiffersFromRule {W} {S}"]),
        // 满意度 92% of ≥96%: 10 × 92 ÷ 96 = 9.5833… → 9.58, self-scored 9.58; Σ 99.58 → 100 at whole points = stated.
        ("rounded: Σ 99.58 stated as 100", () => With(R(FullSelf(Base), "\"target\":\"≥90%\",\"actual\":\"95%\",\"selfScore\":10", "\"target\":\"≥96%\",\"actual\":\"92%\",\"selfScore\":9.58"), "\"reported\":{\"total\":100}"), []),
        // The same Σ 99.58 stated as 99: cut, not rounded — a total must round (四舍五入), so it is the report's error.
        ("truncated total: Σ 99.58 stated as 99", () => With(R(FullSelf(Base), "\"target\":\"≥90%\",\"actual\":\"95%\",\"selfScore\":10", "\"target\":\"≥96%\",\"actual\":\"92%\",\"selfScore\":9.58"), "\"reported\":{\"total\":99}"),
            [$"ReportedTotalMismatch {E} -"]),
        // 65.07 ÷ 65.66 = 99.10…%, printed 99%: agrees at whole percent.
        ("rounded rate: 99% for 99.10%", () => With(Base, "\"budget\":{\"planned\":65.66,\"executed\":65.07},\"reported\":{\"executionRate\":\"99%\"}"), []),
        // 97.15 ÷ 100 = 97.15%, printed 97.1%: truncated at one decimal (四舍五入 would give 97.2) — reports cut rates.
        ("truncated rate: 97.1% for 97.15%", () => With(Base, "\"budget\":{\"planned\":100,\"executed\":97.15},\"reported\":{\"executionRate\":\"97.1%\"}"), []),
        ("wrong rate: 98% for 97.15%", () => With(Base, "\"budget\":{\"planned\":100,\"executed\":97.15},\"reported\":{\"executionRate\":\"98%\"}"), [$"ExecutionRateMismatch {E} -"]),
        // 产出 50 prints no row weights: 25 each assigned. 培训人数 self-scores 30 against an assigned 25: a warning.
        ("assigned weights: self-score above an assigned weight", () => R(R(Base, "{\"name\":\"数量指标\",\"weight\":30,", "{\"name\":\"数量指标\","), "{\"name\":\"质量指标\",\"weight\":20,", "{\"name\":\"质量指标\",")
                .Replace("\"name\":\"培训人数\",\"weight\":30,", "\"name\":\"培训人数\",", StringComparison.Ordinal).Replace("\"name\":\"合格率\",\"weight\":20,", "\"name\":\"合格率\",", StringComparison.Ordinal)
                .Replace("\"actual\":\"100人\"", "\"actual\":\"100人\",\"selfScore\":30", StringComparison.Ordinal),
            [$"SelfScoreAboveWeight {W} {Q}", $"SelfScoreDiffersFromRule {W} {Q}", $"WeightAssigned {I} -"]),
        // The same row against its printed 30 with a self-score of 35: an error on the report's own figures.
        ("printed weight: self-score 35 above 30", () => R(Base, "\"actual\":\"100人\"", "\"actual\":\"100人\",\"selfScore\":35"),
            [$"SelfScoreAboveWeight {E} {Q}", $"SelfScoreDiffersFromRule {W} {Q}"]),
        // 产出 50 prints no row weights, but the rows' 得分 30 + 20 fill it exactly: they are taken as the weights.
        ("self-scores imply the weights", () => R(R(FullSelf(Base), "{\"name\":\"数量指标\",\"weight\":30,", "{\"name\":\"数量指标\","), "{\"name\":\"质量指标\",\"weight\":20,", "{\"name\":\"质量指标\",")
                .Replace("\"name\":\"培训人数\",\"weight\":30,", "\"name\":\"培训人数\",", StringComparison.Ordinal).Replace("\"name\":\"合格率\",\"weight\":20,", "\"name\":\"合格率\",", StringComparison.Ordinal)
                .Replace("\"name\":\"数量指标\",\"children\"", "\"name\":\"数量指标\",\"selfScore\":30,\"children\"", StringComparison.Ordinal)
                .Replace("\"name\":\"质量指标\",\"children\"", "\"name\":\"质量指标\",\"selfScore\":20,\"children\"", StringComparison.Ordinal),
            [$"WeightAssigned {I} -"]),
        // 产出 states a subtotal of 50 while its rows state 30 + 18 = 48; 合格率 96% ≥ 95% scores 20, not the 18 claimed.
        ("subtotal does not add up: 50 for 30 + 18", () => R(R(Base, "\"actual\":\"100人\"", "\"actual\":\"100人\",\"selfScore\":30"), "\"actual\":\"96%\"", "\"actual\":\"96%\",\"selfScore\":18")
                .Replace("{\"name\":\"产出指标\",\"weight\":50,", "{\"name\":\"产出指标\",\"weight\":50,\"selfScore\":50,", StringComparison.Ordinal),
            [$"ReportedTotalMismatch {E} 产出指标", $"SelfScoreDiffersFromRule {W} {G}"]),
        ("subtotal adds up: 48 for 30 + 18", () => R(R(Base, "\"actual\":\"100人\"", "\"actual\":\"100人\",\"selfScore\":30"), "\"actual\":\"96%\"", "\"actual\":\"96%\",\"selfScore\":18")
                .Replace("{\"name\":\"产出指标\",\"weight\":50,", "{\"name\":\"产出指标\",\"weight\":50,\"selfScore\":48,", StringComparison.Ordinal),
            [$"SelfScoreDiffersFromRule {W} {G}"]),
        // 10 + 50 + 35 + 15 = 110: the 10-point 预算执行率 row sits outside a 100-point table; rescaled, not a 不适用.
        ("110-point table", () => R(R(R(R(Base, "{\"name\":\"效益指标\",\"weight\":30,", "{\"name\":\"效益指标\",\"weight\":35,"), "{\"name\":\"社会效益指标\",\"weight\":30,", "{\"name\":\"社会效益指标\",\"weight\":35,"),
                "\"name\":\"政策知晓率\",\"weight\":30,", "\"name\":\"政策知晓率\",\"weight\":35,"), "{\"name\":\"满意度指标\",\"weight\":10,\"children\":[{\"name\":\"服务对象满意度\",\"weight\":10,", "{\"name\":\"满意度指标\",\"weight\":15,\"children\":[{\"name\":\"服务对象满意度\",\"weight\":15,"),
            [$"WeightSumMismatch {W} -", $"WeightsRescaled {I} -"]),
        // Σ 得分 100 stated as 100, graded 良: 100 earns 优 by the report's own total, and by the rules'.
        ("grade does not match its own total", () => With(FullSelf(Base), "\"reported\":{\"total\":100,\"grade\":\"良\"}"),
            [$"ReportedGradeMismatch {E} -", $"RuleGradeDiffers {W} -"]),
        // 政策知晓率 30% of ≥90%: 30 × 30 ÷ 90 = 10, self-scored 30. Stated 100/优 agree with each other; the rules give 80 → 良.
        ("grade matches its total but not the rules'", () => With(R(FullSelf(Base), "\"actual\":\"92%\"", "\"actual\":\"30%\""), "\"reported\":{\"total\":100,\"grade\":\"优\"}"),
            [$"RuleTotalDiffers {W} -", $"RuleGradeDiffers {W} -", $"SelfScoreDiffersFromRule {W} {K}"]),
        // "=100%" with 98%: proportional, 20 × 98 ÷ 100 = 19.6 (was 0 by equal-or-zero). Nothing to find.
        ("=100% target with 98%", () => R(Base, "\"target\":\"≥95%\",\"actual\":\"96%\"", "\"target\":\"=100%\",\"actual\":\"98%\""), []),
        ("bare number against 万元", () => R(Base, "\"target\":\"≥100人\",\"actual\":\"100人\"", "\"target\":\"≥90万元\",\"actual\":\"90\""), [$"UnitAssumed {W} {Q}"]),
        // 政策知晓率 keeps 20 of 效益's 30; a 10-point row reads 不适用 in both cells (no flag): it drops, the rest rescale.
        ("row reading 不适用 in both cells", () => R(Base, "{\"name\":\"政策知晓率\",\"weight\":30,\"target\":\"≥90%\",\"actual\":\"92%\"}", "{\"name\":\"政策知晓率\",\"weight\":20,\"target\":\"≥90%\",\"actual\":\"92%\"},{\"name\":\"就业带动\",\"weight\":10,\"target\":\"不适用\",\"actual\":\"不适用\",\"selfScore\":0}"),
            [$"NotApplicableRescaled {I} -"]),
        ("actual repeats the target", () => R(Base, "\"actual\":\"100人\"", "\"actual\":\"≥100人\""), [$"ActualRepeatsTarget {W} {Q}"]),
        ("完成 for a numeric target", () => R(Base, "\"actual\":\"100人\"", "\"actual\":\"完成\""), [$"CompletionWordForNumber {W} {Q}"]),
        ("满意度 text copied from another row", () => R(R(Base, "\"target\":\"≥90%\",\"actual\":\"92%\"", "\"target\":\"≥90%\",\"actual\":\"已开展问卷调查，满意度达到95%\""), "\"target\":\"≥90%\",\"actual\":\"95%\"", "\"target\":\"≥90%\",\"actual\":\"已开展问卷调查，满意度达到95%\""),
            [$"CopiedText {W} {S}"]),
        // 培训人数 allows up to 2 bonus points at 1 a person beyond 100: 120人 → 30 + min(2, 20) = 32, self-scored 32;
        // 产出 then sums 32 + 20 = 52 and is capped at its 50. Nothing is above what the row allows.
        ("row bonus within the level-1 cap", () => R(Base, "\"target\":\"≥100人\",\"actual\":\"100人\"", "\"target\":\"≥100人\",\"actual\":\"120人\",\"maxBonus\":2,\"bonusPerUnit\":1,\"selfScore\":32"), []),
    ];

    private static Func<string> Seed(string name) => () => File.ReadAllText(Path.Combine(TestFiles.Examples, name));

    private static string[] Found(string json) =>
        [.. new Grader().Grade(EvaluationFile.Parse(json)).Findings.Select(f => $"{f.Code} {f.Severity} {f.Path ?? "-"}").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_report_gets_exactly_the_findings_expected(string name)
    {
        var c = All.Single(c => c.Name == name);
        Assert.Equal(c.Expected.Order(StringComparer.Ordinal), Found(c.Json()));
    }

    [Fact]
    public void Every_finding_names_the_figures_it_compares_and_where_each_came_from()
    {
        // Issue 10 item 8: a reader checks a finding in ten seconds from its evidence. WeightAssigned is a note
        // that counts (each assigned weight is marked on its row), so it compares nothing.
        var findings = All.SelectMany(c => new Grader().Grade(EvaluationFile.Parse(c.Json())).Findings).Where(f => f.Code != FindingCodes.WeightAssigned).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.False(f.Evidence.IsEmpty, f.ToString());
            Assert.All(f.Evidence, e => Assert.True(e.Source.StartsWith("$.", StringComparison.Ordinal) || e.Source.StartsWith("rules", StringComparison.Ordinal)
                || e.Source.StartsWith("scheme ", StringComparison.Ordinal), $"{f.Code}: {e}"));
        });

        // Hunan: the stated 96 against the report's own 96.6, each with where it was read.
        var hunan = new Grader().Grade(EvaluationFile.Parse(Seed("seed-hunan-zhijiang-2020.json")()));
        var mismatch = Assert.Single(hunan.Findings, f => f.Code == FindingCodes.ReportedTotalMismatch);
        Evidence[] cited = [new("reported total", "96", "$.reported.total"), new("sum of the report's own scores", "96.6", "$.indicators[*].selfScore")];
        Assert.Equal(cited, mismatch.Evidence.ToArray());

        // Hainan: 预算执行率 is the first level-1 row; its self-score 10 against the rule's 9.71.
        var hainan = new Grader().Grade(EvaluationFile.Parse(Seed("seed-hainan-baoting-2021.json")()));
        var differs = Assert.Single(hainan.Findings, f => f.Code == FindingCodes.SelfScoreDiffersFromRule);
        Evidence[] self = [new("self-score", "10", "$.indicators[0].selfScore"), new("rule score", "9.71", "rules")];
        Assert.Equal(self, differs.Evidence.ToArray());
    }

    [Fact]
    public void Precision_and_recall_over_all_expected_findings()
    {
        int expected = 0, found = 0, hit = 0;
        foreach (var c in All)
        {
            var want = c.Expected.ToList();
            var got = Found(c.Json());
            expected += want.Count;
            found += got.Length;
            foreach (var g in got)
            {
                if (want.Remove(g)) hit++;
            }
        }

        var precision = found == 0 ? 1m : (decimal)hit / found;
        var recall = expected == 0 ? 1m : (decimal)hit / expected;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit fidelity over {All.Length} reports ({All.Count(c => c.Name.StartsWith("seed", StringComparison.Ordinal))} seeds): {hit} of {expected} expected findings found, {found} found in all; precision {precision:P1}, recall {recall:P1}"));
        Assert.True(All.Length - 7 >= 16, "at least 16 synthetic reports");
        Assert.Equal(1m, precision);
        Assert.Equal(1m, recall);
    }
}
