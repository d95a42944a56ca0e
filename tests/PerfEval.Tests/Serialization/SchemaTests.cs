using System.Text.Json;
using PerfEval.Serialization;

namespace PerfEval.Tests.Serialization;

/// <summary>
/// Structural checks of docs/schemas without a validator package: every schema is JSON Schema 2020-12, and
/// every property a document uses is declared where the schema says it may appear (following $ref, anyOf, oneOf).
/// </summary>
public sealed class SchemaTests
{
    private static JsonElement Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestFiles.Schemas, name)));
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("evaluation.schema.json")]
    [InlineData("scheme.schema.json")]
    [InlineData("result.schema.json")]
    public void Schema_is_json_schema_2020_12(string name)
    {
        var schema = Load(name);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        var main = name == "result.schema.json" ? schema.GetProperty("$defs").GetProperty("result") : schema;
        Assert.Equal(JsonValueKind.Object, main.GetProperty("properties").ValueKind);
        Assert.False(main.GetProperty("additionalProperties").GetBoolean());
    }

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
    public void Every_property_of_the_examples_is_declared_in_the_evaluation_schema(string name)
    {
        var schema = Load("evaluation.schema.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestFiles.Examples, name)));
        var undeclared = new List<string>();
        Check(schema, schema, doc.RootElement, "$", undeclared);
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Every_property_of_a_scheme_file_is_declared_in_the_scheme_schema()
    {
        var schema = Load("scheme.schema.json");
        foreach (var text in new[] { SchemeFileTests.National, SchemeFileTests.Child })
        {
            using var doc = JsonDocument.Parse(text);
            var undeclared = new List<string>();
            Check(schema, schema, doc.RootElement, "$", undeclared);
            Assert.Empty(undeclared);
        }
    }

    [Fact]
    public void Every_property_of_a_result_file_is_declared_in_the_result_schema()
    {
        var schema = Load("result.schema.json");
        using var doc = JsonDocument.Parse(ResultFile.ToJson(ResultFileTests.HandMade()));
        var undeclared = new List<string>();
        Check(schema, schema, doc.RootElement, "$", undeclared);
        Assert.Empty(undeclared);
        var required = schema.GetProperty("$defs").GetProperty("result").GetProperty("required").EnumerateArray().Select(e => e.GetString()!);
        Assert.All(required, r => Assert.True(doc.RootElement.TryGetProperty(r, out _), r));
    }

    [Fact]
    public void Every_property_of_a_batch_line_is_declared_in_the_result_schema()
    {
        var schema = Load("result.schema.json");
        foreach (var line in ResultFileTests.BatchLines())
        {
            using var doc = JsonDocument.Parse(line);
            var undeclared = new List<string>();
            Check(schema, schema, doc.RootElement, "$", undeclared);
            Assert.Empty(undeclared);
        }
    }

    internal static void CheckDeclared(string schemaName, JsonElement document, List<string> undeclared)
    {
        var schema = Load(schemaName);
        Check(schema, schema, document, "$", undeclared);
    }

    private static IEnumerable<JsonElement> Alternatives(JsonElement root, JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (s.TryGetProperty("$ref", out var r))
        {
            var target = root;
            foreach (var part in r.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part);
            }

            foreach (var a in Alternatives(root, target))
            {
                yield return a;
            }

            yield break;
        }

        yield return s;
        foreach (var key in new[] { "anyOf", "oneOf" })
        {
            if (s.TryGetProperty(key, out var list))
            {
                foreach (var item in list.EnumerateArray())
                {
                    foreach (var a in Alternatives(root, item))
                    {
                        yield return a;
                    }
                }
            }
        }
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> undeclared)
    {
        var alternatives = Alternatives(root, schema).ToList();
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in value.EnumerateObject())
            {
                var declared = alternatives
                    .Select(a => a.TryGetProperty("properties", out var props) && props.TryGetProperty(p.Name, out var ps) ? ps
                        : a.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.Object ? ap
                        : (JsonElement?)null)
                    .Where(x => x is not null)
                    .OrderBy(x => x!.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null" ? 1 : 0)
                    .FirstOrDefault();
                if (declared is null)
                {
                    undeclared.Add(path + "." + p.Name);
                    continue;
                }

                Check(root, declared.Value, p.Value, path + "." + p.Name, undeclared);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var items = alternatives.Select(a => a.TryGetProperty("items", out var i) ? i : (JsonElement?)null).FirstOrDefault(x => x is not null);
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (items is null)
                {
                    undeclared.Add(path + "[]");
                    break;
                }

                Check(root, items.Value, item, $"{path}[{index++}]", undeclared);
            }
        }
    }
}
