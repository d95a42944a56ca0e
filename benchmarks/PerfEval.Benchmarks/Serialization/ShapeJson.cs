using System.Text.Json.Nodes;
using PerfEval.Benchmarks.Grading;
using PerfEval.Model;
using PerfEval.Serialization;

namespace PerfEval.Benchmarks.Serialization;

/// <summary>The generated projects of <see cref="Shapes"/> written as evaluation files (one compact JSON line), so parsing is measured on the same shapes grading is.</summary>
internal static class ShapeJson
{
    public static string Line(int leaves, string? id = null)
    {
        var e = Shapes.Project(leaves);
        var root = new JsonObject
        {
            ["format"] = EvaluationFile.Format,
            ["scheme"] = e.SchemeId,
            ["project"] = new JsonObject { ["id"] = id ?? e.Id, ["name"] = e.Name },
            ["budget"] = new JsonObject { ["planned"] = e.Budget!.Planned, ["executed"] = e.Budget.Executed, ["unit"] = e.Budget.Unit },
            ["reported"] = new JsonObject { ["total"] = e.Reported!.Total, ["grade"] = e.Reported.Grade },
            ["indicators"] = new JsonArray([.. e.Indicators.Select(Node)]),
        };
        return root.ToJsonString();
    }

    private static JsonNode Node(Indicator i)
    {
        var o = new JsonObject { ["name"] = i.Name, ["weight"] = i.Weight };
        if (!i.IsLeaf)
        {
            o["children"] = new JsonArray([.. i.Children.Select(Node)]);
            return o;
        }

        var m = MethodJson.Write(i.Method!);
        var method = new JsonObject { ["kind"] = m.Kind };
        if (m.PointsPerIncident is { } p) method["pointsPerIncident"] = p;
        o["method"] = method;
        if (i.TargetText is { } t) o["target"] = t;
        if (i.ActualText is { } a) o["actual"] = a;
        if (i.SelfScore is { } s) o["selfScore"] = s;
        return o;
    }
}
