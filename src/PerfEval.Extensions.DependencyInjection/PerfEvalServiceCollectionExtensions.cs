using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PerfEval.Grading;
using PerfEval.Schemes;

namespace PerfEval.Extensions.DependencyInjection;

/// <summary>Registers PerfEval with a host's service collection.</summary>
public static class PerfEvalServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="SchemeCatalog"/> (built-in schemes plus any configured) and a <see cref="Grader"/>,
    /// resolvable as <see cref="IGrader"/> or as <see cref="Grader"/> (for its batch methods
    /// <see cref="Grader.GradeAll"/> and <see cref="Grader.GradeAllAsync"/>), all singletons: the grader is
    /// thread-safe and caches each scheme's compiled rules. Calling it twice keeps the first registration
    /// and applies both configurations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds scheme files or schemes; optional.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    /// <remarks>
    /// Scheme files are read when the catalog is first resolved; a bad file then throws
    /// <see cref="SchemeException"/> naming the file, the JSON path and the text at fault.
    /// </remarks>
    public static IServiceCollection AddPerfEval(this IServiceCollection services, Action<PerfEvalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.Where(d => d.ServiceType == typeof(PerfEvalOptions)).Select(d => d.ImplementationInstance).OfType<PerfEvalOptions>().FirstOrDefault();
        if (options is null)
        {
            options = new PerfEvalOptions();
            services.AddSingleton(options);
        }

        configure?.Invoke(options);
        services.TryAddSingleton(sp => BuildCatalog(sp.GetRequiredService<PerfEvalOptions>()));
        services.TryAddSingleton(sp => new Grader(sp.GetRequiredService<SchemeCatalog>(), sp.GetRequiredService<PerfEvalOptions>().Rules, sp.GetService<ILogger<Grader>>()));
        services.TryAddSingleton<IGrader>(sp => sp.GetRequiredService<Grader>());
        return services;
    }

    /// <summary>The one place options become a catalog, so every rule about them is checked here.</summary>
    private static SchemeCatalog BuildCatalog(PerfEvalOptions options)
    {
        var catalog = options.IncludeBuiltInSchemes ? SchemeCatalog.Default : SchemeCatalog.Empty;
        if (options.SchemeFiles.Count > 0)
        {
            catalog = catalog.WithFiles(options.SchemeFiles);
        }

        foreach (var scheme in options.Schemes)
        {
            catalog = catalog.With(scheme);
        }

        return catalog;
    }
}
