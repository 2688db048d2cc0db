using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BasketReasoner.Composition.Eval;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Suites;

namespace BasketReasoner.Tests.EvalHarness;

/// <summary>The <c>openai</c> backend end to end against a real HTTP server on loopback speaking /v1/chat/completions.</summary>
public sealed class OpenAIBackendTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly string _baseUrl;

    public OpenAIBackendTests()
    {
        var port = FreePort();
        _baseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    // Candidate-choice requests (the candidate_choice response format) get the schema's first id, the fusion's top
    // candidate; shopper requests a fixed JSON answer.
    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(ctx.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            lock (_requests)
            {
                _requests.Add(body);
            }

            using var request = JsonDocument.Parse(body);
            var content = request.RootElement.TryGetProperty("response_format", out var format)
                && format.TryGetProperty("json_schema", out var schema) && schema.GetProperty("name").GetString() == "candidate_choice"
                ? JsonSerializer.Serialize(new { product_id = schema.GetProperty("schema").GetProperty("properties").GetProperty("product_id").GetProperty("enum")[0].GetString(), confidence = 0.6 })
                : """{"kind":"answered","answer":"Your basket costs 48.70 SEK.","products":["Arla-Medium-Fat-Milk","Arla-Sour-Milk"]}""";
            var reply = JsonSerializer.Serialize(new
            {
                id = "x", @object = "chat.completion", created = 1764000000, model = "loopback",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 500, completion_tokens = 7, total_tokens = 507 },
            });
            var bytes = Encoding.UTF8.GetBytes(reply);
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    [Fact]
    public async Task ChatSystem_OnLoopback_ChoosesWithImagesAndAnswersShoppers()
    {
        var yaml = $"""
            name: loopback
            concurrency: 4
            datasets:
              - {"{"} name: amb, kind: ambiguous, path: eval/datasets/ambiguous-val.jsonl, limit: 12 {"}"}
              - {"{"} name: shopper, kind: shopper, path: eval/datasets/shopper-questions.sample.jsonl {"}"}
            systems:
              - {"{"} name: rules, backend: rules {"}"}
              - name: chat
                backend: openai
                base_url: {_baseUrl}
                model: loopback
                prompts: {"{"} choose-product: [v2], shopper: [v1] {"}"}
                parameters: {"{"} temperature: ["0"] {"}"}
            graders: [{"{"} type: choice_accuracy {"}"}, {"{"} type: kind {"}"}, {"{"} type: numeric {"}"}, {"{"} type: citation {"}"}]
            """;
        using var composition = EvalHarnessComposition.Create(null, TextWriter.Null);
        var dir = HarnessFixtures.TempDir();
        var summary = await new EvalRunner(composition.Registry).RunAsync(SuiteLoader.Parse(yaml),
            new EvalRunOptions { OutputDirectory = dir, CacheDirectory = Path.Combine(dir, "cache") });

        // Candidate 1 is the fusion's top-1, so a chooser that always answers 1 scores exactly what rules scores.
        Assert.Equal(summary.Metrics["rules|amb|choice_accuracy"], summary.Metrics["chat|amb|choice_accuracy"]);
        var chat = summary.Results.Single(r => r.System == "chat" && r.Dataset == "shopper");
        Assert.Equal(12, chat.Cases);
        Assert.Equal(0, chat.Errors);
        Assert.Equal(12 * 507, chat.InputTokens + chat.OutputTokens);
        Assert.True(summary.Metrics["chat|shopper|kind"] is > 0 and < 1);
        Assert.True(summary.Metrics["chat|shopper|numeric"] is > 0 and < 1);
        Assert.DoesNotContain(summary.Results, r => r.System == "rules" && r.Dataset == "shopper");
        lock (_requests)
        {
            Assert.Equal(24, _requests.Count);
            Assert.Contains(_requests, r => r.Contains("data:image/jpeg;base64,", StringComparison.Ordinal));
            Assert.Contains(_requests, r => r.Contains("Arla-Sour-Milk", StringComparison.Ordinal) && r.Contains("\"seed\"", StringComparison.Ordinal));
        }

        // Same suite again with the cache: no request reaches the server, no latency is reported for chat.
        var again = await new EvalRunner(composition.Registry).RunAsync(SuiteLoader.Parse(yaml),
            new EvalRunOptions { OutputDirectory = Path.Combine(dir, "again"), CacheDirectory = Path.Combine(dir, "cache") });
        lock (_requests)
        {
            Assert.Equal(24, _requests.Count);
        }

        Assert.All(again.Results.Where(r => r.System == "chat"), r => Assert.Equal(0, r.LatencySamples));
        Assert.Equal(summary.Metrics["chat|shopper|kind"], again.Metrics["chat|shopper|kind"]);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
