namespace PerfEval.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("perfeval: no commands yet");
        return 2;
    }
}
