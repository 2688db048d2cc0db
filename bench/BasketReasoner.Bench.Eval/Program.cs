// Harness overhead benchmark (not a test). A minimal real Kestrel server in this process stands in for a model
// endpoint: it speaks OpenAI's /v1/chat/completions and answers instantly with canned text, so what remains of a
// case's time is the harness's own (prompt rendering, the OpenAI client, HTTP on loopback, grading, the case log).
//
// Measured in one run, same machine, concurrency 8, 1,000 shopper-question cases:
//   harness  = `EvalRunner` on a suite with the `openai` backend pointed at the loopback server (no cache);
//   reference = the same system (ChatShopperAssistant over the same client and prompt) called directly, same questions;
//   server   = time spent inside the server's request pipeline (summed over requests).
// The harness's own overhead per case = (wall_harness − wall_reference) / N, best of 3 alternating rounds.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Core.Prompts;
using BasketReasoner.Eval.Harness.Runs;
using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

const int cases = 1000;
const int concurrency = 8;
var repo = FindRepoRoot();
var canned = Encoding.UTF8.GetBytes("""
    {"id":"chatcmpl-bench","object":"chat.completion","created":1764000000,"model":"loopback","choices":[{"index":0,"message":{"role":"assistant","content":"{\"kind\":\"answered\",\"answer\":\"Your basket costs 33.80 SEK.\",\"products\":[\"Arla-Sour-Milk\"]}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":20,"total_tokens":920}}
    """);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
long serverTicks = 0;
long requests = 0;
app.Use(async (ctx, next) =>
{
    var t = Stopwatch.GetTimestamp();
    await next(ctx);
    Interlocked.Add(ref serverTicks, Stopwatch.GetTimestamp() - t);
    Interlocked.Increment(ref requests);
});
app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
{
    await ctx.Request.Body.CopyToAsync(Stream.Null);
    ctx.Response.ContentType = "application/json";
    await ctx.Response.Body.WriteAsync(canned);
});
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var work = Path.Combine(Path.GetTempPath(), "basket-bench-eval-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
var sample = File.ReadAllLines(Path.Combine(repo, "eval", "datasets", "shopper-questions.sample.jsonl"));
var dataset = Path.Combine(work, "questions.jsonl");
File.WriteAllLines(dataset, Enumerable.Range(0, cases).Select(i =>
    sample[i % sample.Length].Replace("\"id\": \"sample-", $"\"id\": \"bench-{i}-", StringComparison.Ordinal)
        .Replace("\"id\":\"sample-", $"\"id\":\"bench-{i}-", StringComparison.Ordinal)));

var suiteYaml = $"""
    name: bench
    concurrency: {concurrency}
    datasets: [{"{"} name: questions, kind: shopper, path: {dataset} {"}"}]
    systems:
      - name: loopback
        backend: openai
        base_url: {address}/v1
        model: loopback
        prompts: {"{"} shopper: [v1] {"}"}
        parameters: {"{"} temperature: ["0"], max_tokens: ["256"] {"}"}
    graders: [{"{"} type: kind {"}"}, {"{"} type: numeric {"}"}, {"{"} type: contains {"}"}, {"{"} type: regex {"}"}, {"{"} type: citation {"}"}]
    """;
var suite = SuiteLoader.Parse(suiteYaml);
var catalog = ProductCatalog.Load(Path.Combine(repo, "catalog", "catalog.json"));
var registry = EvalRegistry.CreateDefault(new EvalEnvironment(repo, catalog, () => throw new InvalidOperationException("no images")));

// Warm-up: JIT, connection pool, Kestrel.
await new EvalRunner(registry).RunAsync(SuiteLoader.Parse(suiteYaml.Replace($"path: {dataset}", $"path: {dataset}, limit: 100", StringComparison.Ordinal)),
    new EvalRunOptions { OutputDirectory = Path.Combine(work, "warm") });

// The reference: the very system the suite evaluates (same chat client, same shopper prompt and parsing), called
// directly for the same questions. What the harness adds beyond it is its own overhead.
var variant = SystemVariant.Expand(suite.Systems[0])[0];
var assistant = new ChatShopperAssistant(
    OpenAIBackend.CreateClient(variant), PromptFile.Load(Path.Combine(repo, "prompts"), "shopper", "v1"),
    () => new ChatOptions { Temperature = 0, MaxOutputTokens = 256, Seed = 1 }, catalog, "openai");
var questions = File.ReadLines(dataset).Select(l => DatasetLoader.ParseShopper(l)).Select(q => new ShopperQuestion(q.Basket, q.Question)).ToArray();
await Bare(assistant, questions.Take(100).ToArray());

const int rounds = 3;
var harness = new List<(double Wall, double Server)>();
var bare = new List<(double Wall, double Server)>();
for (var round = 0; round < rounds; round++)
{
    harness.Add(await Measure(async () =>
    {
        var summary = await new EvalRunner(registry).RunAsync(suite, new EvalRunOptions { OutputDirectory = Path.Combine(work, $"run-{round}") });
        if (summary.Records != cases || summary.Results[0].Errors != 0)
        {
            throw new InvalidOperationException($"bench run incomplete: {summary.Records} records, {summary.Results[0].Errors} errors");
        }
    }));
    bare.Add(await Measure(() => Bare(assistant, questions)));
}

Console.WriteLine($"cases {cases}, concurrency {concurrency}, {Environment.ProcessorCount} cores, loopback OpenAI-compatible Kestrel server answering instantly (a stand-in for a model); best of {rounds} rounds");
var h = harness.MinBy(x => x.Wall);
var b = bare.MinBy(x => x.Wall);
Report("harness: EvalRunner, openai backend, 5 graders, case log, summary + reports", h.Wall, h.Server);
Report("reference: the same ChatShopperAssistant called directly, Parallel.ForEachAsync", b.Wall, b.Server);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"harness / reference wall ratio {h.Wall / b.Wall:0.00}; the harness's own overhead: (wall_h − wall_ref)·{concurrency}/N = {(h.Wall - b.Wall) * concurrency / cases:0.000} ms slot-time per case, (wall_h − wall_ref)/N = {(h.Wall - b.Wall) / cases:0.000} ms wall per case"));
await app.StopAsync();
Directory.Delete(work, true);
return 0;

async Task<(double WallMs, double ServerMs)> Measure(Func<Task> body)
{
    GC.Collect();
    var ticks0 = Interlocked.Read(ref serverTicks);
    var sw = Stopwatch.StartNew();
    await body();
    var wall = sw.Elapsed.TotalMilliseconds;
    return (wall, (Interlocked.Read(ref serverTicks) - ticks0) * 1000.0 / Stopwatch.Frequency);
}

void Report(string label, double wallMs, double serverMs)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label}: wall {wallMs:0} ms ({wallMs / cases:0.000} ms/case), server {serverMs / cases:0.000} ms/case, overhead (8·wall − server)/N = {(concurrency * wallMs - serverMs) / cases:0.000} ms/case"));
}

static async Task Bare(IShopperAssistant assistant, ShopperQuestion[] questions) =>
    await Parallel.ForEachAsync(questions, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (q, ct) =>
        await assistant.AskAsync(q, ct));

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "BasketReasoner.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("run from inside the checkout");
}
