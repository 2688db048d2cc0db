using BasketReasoner.Reasoning.Choice;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BasketReasoner.Server.Cloud;

/// <summary>
/// The cloud call's resilience: total timeout ⟶ retry (exponential backoff, jitter) ⟶ circuit breaker ⟶ per-attempt
/// timeout. A malformed answer is not retried (a second ask rarely fixes it, and the shopper is the next stage anyway);
/// transport errors, HTTP errors and attempt timeouts are.
/// </summary>
internal static class CloudResilience
{
    public static ResiliencePipeline Build(CloudChooserOptions options, TimeProvider time)
    {
        var transient = new PredicateBuilder()
            .Handle<Exception>(ex => ex is not (OperationCanceledException or UnparsableChoiceException or BrokenCircuitException) || ex is TimeoutRejectedException);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }
}
