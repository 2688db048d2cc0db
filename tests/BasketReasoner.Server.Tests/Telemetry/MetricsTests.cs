using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BasketReasoner.Server.Tests.Escalation;
using BasketReasoner.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BasketReasoner.Server.Tests.Telemetry;

/// <summary><c>/metrics</c> after real requests: HTTP durations by route, and the chat API's requests and tokens.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class MetricsTests(ServerFixture fx)
{
    [Fact]
    public async Task Metrics_AfterAnEventAndChatCompletions_HaveRouteDurationsAndTokenCounts()
    {
        var chat = new ScriptedChatClientDouble("one two three");
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(chat));
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        using (var plain = await http.PostAsJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "count" } } }))
        {
            Assert.True(plain.IsSuccessStatusCode);
        }

        using (var streamed = await http.PostAsJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "count" } }, stream = true }))
        {
            Assert.Contains("[DONE]", await streamed.Content.ReadAsStringAsync());
        }

        using (var bad = await http.PostAsJsonAsync("/v1/chat/completions", new { messages = Array.Empty<object>() }))
        {
            Assert.Equal(400, (int)bad.StatusCode);
        }

        // A request is measured once its response has ended, which the server may finish after the client has read it.
        var metrics = await MetricsWhenAsync(http, m => m.Contains("http_route=\"/v1/chat/completions\"", StringComparison.Ordinal)
            && m.Split('\n').Any(l => l.StartsWith("basket_chat_requests_total{", StringComparison.Ordinal) && l.Contains("stream=\"true\"", StringComparison.Ordinal)));

        Assert.Equal(1, Sample(metrics, "http_server_request_duration_seconds_count", "http_route=\"/v1/carts/{cartId}/events\"", "http_request_method=\"POST\"", "http_response_status_code=\"200\""));
        Assert.Equal(2, Sample(metrics, "http_server_request_duration_seconds_count", "http_route=\"/v1/chat/completions\"", "http_response_status_code=\"200\""));
        Assert.Equal(1, Sample(metrics, "http_server_request_duration_seconds_count", "http_route=\"/v1/chat/completions\"", "http_response_status_code=\"400\""));
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics);
        // The scripted model reports 11 prompt and 3 completion tokens per request; two requests completed.
        Assert.Equal(22, Sample(metrics, "basket_chat_tokens_total", "token_type=\"prompt\""));
        Assert.Equal(6, Sample(metrics, "basket_chat_tokens_total", "token_type=\"completion\""));
        Assert.Equal(1, Sample(metrics, "basket_chat_requests_total", "outcome=\"completed\"", "stream=\"false\""));
        Assert.Equal(1, Sample(metrics, "basket_chat_requests_total", "outcome=\"completed\"", "stream=\"true\""));
        Assert.Equal(1, Sample(metrics, "basket_chat_requests_total", "outcome=\"rejected\""));
        Assert.Equal(1, Sample(metrics, "basket_chat_time_to_first_token_seconds_count"));
    }

    [Fact]
    public async Task Metrics_SecondsAndNatHistograms_HaveBucketsSizedForTheirUnits()
    {
        var chat = new ScriptedChatClientDouble("one two three");
        await using var server = await fx.StartAsync(s => s.Services = x => x.AddSingleton<IChatClient>(chat));
        using var http = server.Client(ServerFixture.KeyA);
        await Events.PostAsync(http, "cart-a", Events.Body("e1", "add", null, fx.Frame(EscalationStageTests.AmbiguousApple)));
        using (var streamed = await http.PostAsJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "count" } }, stream = true }))
        {
            Assert.Contains("[DONE]", await streamed.Content.ReadAsStringAsync());
        }

        var metrics = await MetricsWhenAsync(http, m => m.Contains("basket_chat_time_to_first_token_seconds_count", StringComparison.Ordinal));

        // Seconds: the scripted model answers in well under 50 ms, which the default (millisecond) limits would put in
        // le="5" together with everything up to five seconds.
        var ttft = Limits(metrics, "basket_chat_time_to_first_token_seconds_bucket");
        Assert.Contains("0.005", ttft);
        Assert.Contains("10", ttft);
        Assert.DoesNotContain("10000", ttft);
        Assert.Equal(1, Sample(metrics, "basket_chat_time_to_first_token_seconds_bucket", "le=\"0.5\""));
        // Nats: margins of a source are mostly within a few nats either way, including against the best candidate.
        var margin = Limits(metrics, "basket_evidence_margin_bucket");
        Assert.Contains("-1", margin);
        Assert.Contains("0.5", margin);
        Assert.Contains("2", margin);
        Assert.DoesNotContain("10000", margin);
    }

    // The distinct `le` limits of a histogram's bucket series.
    private static HashSet<string> Limits(string metrics, string bucket) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(bucket + "{", StringComparison.Ordinal))
            .Select(l => LeLabel().Match(l).Groups["le"].Value)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("le=\"(?<le>[^\"]+)\"")]
    private static partial Regex LeLabel();

    private static async Task<string> MetricsWhenAsync(HttpClient http, Func<string, bool> ready)
    {
        var metrics = "";
        for (var i = 0; i < 50 && !ready(metrics); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100);
            metrics = await http.GetStringAsync("/metrics");
        }

        return metrics;
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels contain every one of <paramref name="labels"/>.</summary>
    private static double Sample(string metrics, string name, params string[] labels)
    {
        var values = metrics.Split('\n')
            .Select(l => SampleLine().Match(l))
            .Where(m => m.Success && m.Groups["name"].Value == name && labels.All(m.Groups["labels"].Value.Contains))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count == 1, $"Expected one {name} sample with {string.Join(", ", labels)}; found {values.Count} in:\n{metrics}");
        return values[0];
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();
}
