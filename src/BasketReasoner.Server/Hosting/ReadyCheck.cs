using BasketReasoner.Server.Durability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BasketReasoner.Server.Hosting;

/// <summary>Ready when the pipeline is open and the log answers.</summary>
internal sealed class ReadyCheck(DurableLog log, PipelineHost pipeline) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(log.IsHealthy() && pipeline.Catalog.Count > 0
            ? HealthCheckResult.Healthy("pipeline warm, event log open")
            : HealthCheckResult.Unhealthy("event log not answering"));
}
