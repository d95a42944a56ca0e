using PerfEval.Grading;
using PerfEval.Serialization;
using PerfEval.Tests.Serialization;

namespace PerfEval.Tests.Reliability;

/// <summary>Defects <see cref="FuzzTests"/> found, each as its minimal input.</summary>
public sealed class FuzzFoundRegressionTests
{
    [Fact]
    public void A_lone_surrogate_escape_as_a_property_name_is_a_typed_error_not_an_InvalidOperationException()
    {
        // Was: Utf8JsonReader.ValueTextEquals threw "Cannot read incomplete UTF-16 JSON text" out of the scan.
        var json = TestFiles.Minimal.Replace("\"scheme\": \"national-2020\"", "\"scheme\": \"national-2020\", \"\\ud800\": 1", StringComparison.Ordinal);
        var e = Assert.Throws<EvaluationException>(() => EvaluationFile.Parse(json, "s.json"));
        Assert.All(e.Problems, p => Assert.NotNull(p.JsonPath));

        var scheme = SchemeFileTests.National.Replace("\"id\": \"national-2020\"", "\"\\udc00x\": \"national-2020\"", StringComparison.Ordinal);
        var s = Assert.Throws<SchemeException>(() => SchemeFile.Parse(scheme, "s.json"));
        Assert.All(s.Problems, p => Assert.NotNull(p.JsonPath));
    }

    [Fact]
    public void An_unknown_scheme_is_refused_at_the_evaluations_scheme_path()
    {
        // Was: UnknownScheme named no place at all.
        var evaluation = EvaluationFile.Parse(TestFiles.Minimal.Replace("national-2020", "hainqn-2021", StringComparison.Ordinal), "u.json");
        var e = Assert.Throws<SchemeException>(() => new Grader().Grade(evaluation));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("UnknownScheme", "$.scheme"), (p.Code, p.JsonPath));
        Assert.Equal("u.json", e.File);
        Assert.Throws<SchemeException>(() => new Grader().Open(evaluation));
    }
}
