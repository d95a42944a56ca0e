using System.Text;

namespace PerfEval.Cli;

/// <summary>The <c>perfeval</c> command.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var stdout = Console.OpenStandardOutput();
        try
        {
            var terminal = new Terminal(Console.OpenStandardInput(), stdout, Console.Error, !Console.IsErrorRedirected, HandleTermination: true);
            return await Commands.RunAsync(args, Console.Out, Console.Error, terminal, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await Console.Out.FlushAsync().ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
        }
    }
}
