using PerfEval.Grading;
using PerfEval.Model;

namespace PerfEval.Extensions.DependencyInjection;

/// <summary>
/// What <see cref="PerfEvalServiceCollectionExtensions.AddPerfEval(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PerfEvalOptions})"/>
/// registers: which schemes the catalog holds and the host's rules. Options in the options pattern
/// (<c>IOptions&lt;PerfEvalOptions&gt;</c>), configurable in code or from a configuration section
/// (<c>"PerfEval": { "IncludeBuiltInSchemes": true, "SchemeFiles": [ "schemes/my-county.json" ] }</c>), validated at a
/// host's start-up: every unreadable scheme file, duplicate id, unknown parent and invalid scheme in one
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.
/// </summary>
/// <remarks>Configure during startup on one thread; the container reads it once.</remarks>
public sealed class PerfEvalOptions
{
    /// <summary>Whether the built-in schemes (national, 2013 framework, five regions) are included. Default <see langword="true"/>.</summary>
    public bool IncludeBuiltInSchemes { get; set; } = true;

    /// <summary>Scheme files (<c>perfeval/scheme@1</c>) to add; they may extend built-in schemes or each other.</summary>
    public IList<string> SchemeFiles { get; } = new List<string>();

    /// <summary>Schemes built in code to add.</summary>
    public IList<Scheme> Schemes { get; } = new List<Scheme>();

    /// <summary>
    /// The host's own NRules rules, added to every grading or to one scheme's:
    /// <c>o.Rules.From(typeof(MyRules).Assembly)</c>. See <see cref="HostRules"/> for what they see and may add.
    /// </summary>
    public HostRules Rules { get; } = new();
}
