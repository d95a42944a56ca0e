using PerfEval.Values;

namespace PerfEval.Tests.Values;

/// <summary>Input repeated in messages: escaped and cut (issue 11, item 9).</summary>
public sealed class EchoTests
{
    [Fact]
    public void Control_characters_are_escaped_not_passed_raw()
    {
        // ESC, BEL, NUL and a right-to-left override from the tester's inputs; 指标 and an emoji pair stay as they are.
        Assert.Equal("a\\u001B[31mb\\u0007c\\u0000d\\u202Ee 指标 😀", Echo.Escape("a\u001b[31mb\u0007c\u0000d\u202ee 指标 😀"));
        Assert.Equal("x\\u000Ay", Echo.Escape("x\ny"));
        Assert.Equal("x\ny", Echo.Escape("x\ny", keepNewlines: true));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        Assert.Equal("a\\uD800b", Echo.Escape("a\ud800b"));
        Assert.Equal("a\\uDC00", Echo.Escape("a\udc00"));
    }

    [Fact]
    public void Long_input_is_cut_with_its_length()
    {
        // 1 000 000 characters → the first 80 (MaxQuoted) and the length.
        var quoted = Echo.Quote(new string('x', 1_000_000));
        Assert.Equal(new string('x', 80) + "…（共 1000000 字符 / 1000000 chars）", quoted);
        Assert.Equal("short", Echo.Quote("short"));
    }

    [Fact]
    public void A_problem_escapes_and_cuts_every_field_a_message_shows()
    {
        var id = new string('x', 1_000_000);
        var p = new Problem("X", "a\u001bb", "z " + id, "e " + id, id, "$.a\u0007");
        Assert.Equal("a\\u001Bb", p.IndicatorPath);
        Assert.Equal("$.a\\u0007", p.JsonPath);
        // "e " + 10⁶ x = 1 000 002 characters, cut to MaxField (2000) and the length.
        Assert.Equal(Echo.MaxField + "…（共 1000002 字符 / 1000002 chars）".Length, p.MessageEn.Length);
        Assert.EndsWith("（共 1000002 字符 / 1000002 chars）", p.MessageEn, StringComparison.Ordinal);
        Assert.Equal(1_000_000, p.Text!.Length); // the text at fault is kept as written
        Assert.True(p.ToString().Length < 5000, p.ToString().Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var with = p with { JsonPath = "$.b\u001b" };
        Assert.Equal("$.b\\u001B", with.JsonPath);
    }

    [Fact]
    public void A_problem_message_shows_the_text_at_fault_when_the_message_does_not_quote_it()
    {
        // Issue 11 item 10: comments, trailing commas, 05, 0x10 were reported without the text.
        var p = new Problem("CommentNotAllowed", null, "JSON 中不允许注释", "Comments are not allowed in the JSON", "// note", "$.indicators[0]", 3);
        Assert.Equal("$.indicators[0]: JSON 中不允许注释 / Comments are not allowed in the JSON: “// note” (line 3)", p.ToString());
        var quoted = new Problem("NumberInQuotes", null, "数值不能加引号：\"40\"", "A number must not be quoted: \"40\"", "\"40\"", "$.w", 9);
        Assert.Equal("$.w: 数值不能加引号：\"40\" / A number must not be quoted: \"40\" (line 9)", quoted.ToString());
    }

    [Fact]
    public void A_problem_message_shows_both_the_json_path_and_the_indicator_path()
    {
        // Issue 11 item 10: structural errors named the indicator but not where it is in the file.
        var p = new Problem("DuplicateIndicator", "产出指标", "同级指标重名", "Two sibling indicators share a name", null, "$.indicators[1]", 4);
        Assert.Equal("$.indicators[1] (产出指标): 同级指标重名 / Two sibling indicators share a name (line 4)", p.ToString());
    }
}
