using BasketReasoner.Server.Durability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BasketReasoner.Server.Hosting;

/// <summary>
/// Ready when the pipeline is open and the log answers. The log's answer is a synced 64 KiB write under the log's
/// lock, and the endpoint needs no key: a healthy answer is reused for a second (unless a write has failed since), so
/// a flood of readiness calls cannot add disk load or hold back event commits; an unhealthy one is probed again.
/// </summary>
internal sealed class ReadyCheck(DurableLog log, PipelineHost pipeline) : IHealthCheck
{
    private const long ReuseMs = 1000;
    private readonly object _gate = new();
    private long _checkedAt = long.MinValue;
    private bool _healthy;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool healthy;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (!_healthy || now - _checkedAt >= ReuseMs || log.StorageFault is not null)
            {
                _healthy = log.IsHealthy() && pipeline.Catalog.Count > 0;
                _checkedAt = now;
            }

            healthy = _healthy;
        }

        return Task.FromResult(healthy
            ? HealthCheckResult.Healthy("pipeline warm, event log open")
            : HealthCheckResult.Unhealthy("event log not answering"));
    }
}
