namespace PerfEval.Benchmarks.Engine;

// Fact types shaped like NRules' benchmark suite (bench/NRules.Benchmark/Meta): an int property.
public sealed class TestFact
{
    public int IntProperty { get; set; }
}

public sealed class TestFact1
{
    public int IntProperty { get; set; }

    public int Group { get; set; }
}

public sealed class TestFact2
{
    public int IntProperty { get; set; }

    public int Group { get; set; }
}

internal static class Nop
{
    public static int Count;

    public static void Nothing() => Count++;
}
