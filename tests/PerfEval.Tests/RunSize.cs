using FsCheck.Xunit;

namespace PerfEval.Tests;

/// <summary>
/// How big the property and load runs are (issue 11, point 8): CI's size by default; the nightly size when
/// the environment sets <c>PERFEVAL_NIGHTLY=1</c> (<c>PERFEVAL_NIGHTLY=1 dotnet test PerfEval.sln -c Release</c>).
/// </summary>
internal static class RunSize
{
    public static bool Nightly { get; } = Environment.GetEnvironmentVariable("PERFEVAL_NIGHTLY") == "1";

    /// <summary>Cases per invariant property: 1 000 in CI, 10 000 nightly.</summary>
    public static int Properties => Nightly ? 10_000 : 1_000;
}

/// <summary>An FsCheck property run <see cref="RunSize.Properties"/> times.</summary>
public sealed class ScaledPropertyAttribute : PropertyAttribute
{
    public ScaledPropertyAttribute() => MaxTest = RunSize.Properties;
}
