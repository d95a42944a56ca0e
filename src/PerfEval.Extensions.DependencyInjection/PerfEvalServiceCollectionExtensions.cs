using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
    /// thread-safe and caches each scheme's compiled rules. The grader logs to the container's
    /// <see cref="ILogger{Grader}"/> when logging is registered. Calling it twice keeps the first registration
    /// and applies both configurations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds scheme files or schemes; optional.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    /// <remarks>
    /// <see cref="PerfEvalOptions"/> go through the options pattern: <c>IOptions&lt;PerfEvalOptions&gt;</c> is validated
    /// (every unreadable scheme file, unknown parent, duplicate id and invalid scheme, in one
    /// <see cref="OptionsValidationException"/>), and validated at start-up in a host
    /// (<see cref="OptionsBuilderExtensions.ValidateOnStart{TOptions}(OptionsBuilder{TOptions})"/>). Resolved without a
    /// host, scheme files are read when the catalog is first resolved; a bad file then throws
    /// <see cref="SchemeException"/> naming the file, the JSON path and the text at fault.
    /// </remarks>
    public static IServiceCollection AddPerfEval(this IServiceCollection services, Action<PerfEvalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PerfEvalOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<PerfEvalOptions>) && d.ImplementationType == typeof(PerfEvalOptionsValidator)))
        {
            return services;   // registered by an earlier call; this one only added its configuration
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<PerfEvalOptions>, PerfEvalOptionsValidator>();
        // The configured options as the catalog and grader read them: the same configuration as IOptions<PerfEvalOptions>,
        // not validated here, so a bad scheme file is the SchemeException the catalog throws.
        services.TryAddSingleton(sp => new OptionsFactory<PerfEvalOptions>(
            sp.GetServices<IConfigureOptions<PerfEvalOptions>>(), sp.GetServices<IPostConfigureOptions<PerfEvalOptions>>()).Create(Microsoft.Extensions.Options.Options.DefaultName));
        services.TryAddSingleton(sp => BuildCatalog(sp.GetRequiredService<PerfEvalOptions>()));
        services.TryAddSingleton(sp => new Grader(sp.GetRequiredService<SchemeCatalog>(), sp.GetRequiredService<PerfEvalOptions>().Rules, sp.GetService<ILogger<Grader>>()));
        services.TryAddSingleton<IGrader>(sp => sp.GetRequiredService<Grader>());
        return services;
    }

    /// <summary>
    /// Adds PerfEval as <see cref="AddPerfEval(IServiceCollection, Action{PerfEvalOptions}?)"/> does, with
    /// <see cref="PerfEvalOptions"/> bound from a configuration section, e.g.
    /// <c>services.AddPerfEval(configuration.GetSection("PerfEval"))</c> over
    /// <c>"PerfEval": { "IncludeBuiltInSchemes": true, "SchemeFiles": [ "schemes/my-county.json" ] }</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="PerfEvalOptions.IncludeBuiltInSchemes"/> and
    /// <see cref="PerfEvalOptions.SchemeFiles"/>; a key it does not know is an error when the options are created.</param>
    /// <param name="configure">Further configuration in code (schemes built in code, host rules), applied after the
    /// section; optional.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IServiceCollection AddPerfEval(this IServiceCollection services, IConfiguration configuration, Action<PerfEvalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PerfEvalOptions>().Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);
        return services.AddPerfEval(configure);
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
