using System.Text;
using PerfEval.Values;

namespace PerfEval.Cli;

/// <summary>
/// What the command writes to stdout and stderr: control characters from the input (ESC, BEL, NUL, bidi
/// controls) are written as <c>\u001B</c>, so a crafted name or id cannot drive the terminal. Line breaks stay.
/// JSON output is unchanged by it: System.Text.Json already escapes every control character.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(Echo.Escape(value.ToString(), keepNewlines: true));

    public override void Write(string? value) => inner.Write(value is null ? null : Echo.Escape(value, keepNewlines: true));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();
}
