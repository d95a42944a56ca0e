using System.Text;
using PerfEval.Schemes;

namespace PerfEval.Cli;

/// <summary>The <c>perfeval</c> command.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return Commands.Run(args, Console.Out, Console.Error);
    }
}
