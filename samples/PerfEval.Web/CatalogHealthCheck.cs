using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfEval.Schemes;

namespace PerfEval.Web;

/// <summary>Healthy when the scheme catalog resolved (its files read) and holds at least one scheme.</summary>
internal sealed class CatalogHealthCheck(SchemeCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Count > 0
            ? HealthCheckResult.Healthy($"{catalog.Count} schemes")
            : HealthCheckResult.Unhealthy("The scheme catalog is empty"));
}
