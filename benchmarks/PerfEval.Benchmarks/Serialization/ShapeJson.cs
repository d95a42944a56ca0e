using System.Text.Json.Nodes;
using PerfEval.Benchmarks.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Serialization;

/// <summary>The generated projects of <see cref="Shapes"/> written as evaluation files (one compact JSON line), so parsing is measured on the same shapes grading is.</summary>
internal static class ShapeJson
{
    /// <param name="leaves">How many leaves.</param>
    /// <param name="id">The project id; the shape's own when null.</param>
    /// <param name="variant">Varies the actual values (0: as <see cref="Shapes"/> has them), so a batch is not one record repeated.</param>
    public static string Line(int leaves, string? id = null, int variant = 0)
    {
        var e = Shapes.Project(leaves);
        var root = new JsonObject
        {
            ["format"] = EvaluationFile.Format,
            ["scheme"] = e.SchemeId,
            ["project"] = new JsonObject { ["id"] = id ?? e.Id, ["name"] = e.Name },
            ["budget"] = new JsonObject { ["planned"] = e.Budget!.Planned, ["executed"] = e.Budget.Executed, ["unit"] = e.Budget.Unit },
            ["reported"] = new JsonObject { ["total"] = e.Reported!.Total, ["grade"] = e.Reported.Grade },
            ["indicators"] = new JsonArray([.. e.Indicators.Select(i => Node(i, variant))]),
        };
        return root.ToJsonString();
    }

    private static JsonNode Node(Indicator i, int variant)
    {
        var o = new JsonObject { ["name"] = i.Name, ["weight"] = i.Weight };
        if (!i.IsLeaf)
        {
            o["children"] = new JsonArray([.. i.Children.Select(c => Node(c, variant))]);
            return o;
        }

        var m = MethodJson.Write(i.Method!);
        var method = new JsonObject { ["kind"] = m.Kind };
        if (m.PointsPerIncident is { } p) method["pointsPerIncident"] = p;
        o["method"] = method;
        if (i.TargetText is { } t) o["target"] = t;
        if (i.ActualText is { } a) o["actual"] = Vary(a, variant);
        if (i.SelfScore is { } s) o["selfScore"] = s;
        return o;
    }

    private static string Vary(string actual, int v) => v == 0 ? actual : actual switch
    {
        "97%" => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{90 + (v % 11)}%"),
        "98万元" => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{95 + (v % 9)}万元"),
        "1000户" => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{990 + (v % 13)}户"),
        _ => actual,
    };
}
