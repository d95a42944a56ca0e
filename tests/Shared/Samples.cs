namespace PerfEval.Testing;

/// <summary>Inputs several test projects build on. Shared by every test project (linked, not copied).</summary>
internal static class Samples
{
    /// <summary>A minimal valid evaluation, one leaf per line so line numbers are easy to assert.</summary>
    public const string MinimalEvaluation = """
        {
          "format": "perfeval/evaluation@1",
          "scheme": "national-2020",
          "project": { "id": "p1", "name": "测试项目" },
          "indicators": [
            { "name": "产出指标", "weight": 60, "children": [
              { "name": "数量指标", "weight": 60, "target": "≥95%", "actual": "96%" }
            ] },
            { "name": "满意度指标", "weight": 40, "method": { "kind": "assessed" }, "selfScore": 38 }
          ]
        }
        """;
}
