using System.Text.Json;
using PerfEval.Grading;
using PerfEval.Schemes;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

/// <summary>Every example graded by the built-in schemes writes a result file the result schema declares.</summary>
public sealed class SeedResultTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestFiles.ExampleFiles())
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_grades_and_writes_a_result(string name)
    {
        var evaluation = EvaluationFile.Load(Path.Combine(TestFiles.Examples, name));
        var result = new Grader(SchemeCatalog.Default).Grade(evaluation);
        var json = ResultFile.ToJson(result);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(result.Total, doc.RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(result.Grade.Name, doc.RootElement.GetProperty("grade").GetString());
        Assert.Equal(evaluation.IndicatorCount, doc.RootElement.GetProperty("indicators").GetArrayLength());
        var undeclared = new List<string>();
        SchemaTests.CheckDeclared("result.schema.json", doc.RootElement, undeclared);
        Assert.Empty(undeclared);
    }
}
