using System.Diagnostics;
using System.Globalization;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Chat;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Runtimes.Llama;

/// <summary>
/// The on-device stage per ambiguous event: one <see cref="OnDeviceCandidateChooser.ChooseAsync"/> (JPEG decode,
/// vision encoder, the on-device prompt with 4 candidates, prefill, exact per-candidate scoring) on real val photos,
/// per runtime, one thread, p50/p95 of wall clock and of the calling thread's CPU time. The JPEG bytes are read
/// before timing (the cart hands the chooser encoded frames). Candidates: the photo's product first, then three
/// others of its coarse class (the dataset's confusable group), filled up from the neighbouring classes, in a
/// per-event shuffled order; the latency depends on the names' token lengths, not on which product is right, so
/// the "right" column is a sanity check, not an accuracy figure (that is the eval suite's).
/// </summary>
internal static class ChooseBench
{
    private const int Candidates = 4;

    public static void Run(string model, string? dataRoot, string promptFile, string catalogFile, int events)
    {
        var root = DataRoot.Resolve(dataRoot);
        var images = DataRoot.ImagesFolder(root);
        var catalog = ProductCatalog.Load(catalogFile);
        var template = ChoicePromptTemplate.Load(promptFile);
        var coarse = File.ReadLines(Path.Combine(images, "classes.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(p => int.Parse(p[1], CultureInfo.InvariantCulture), p => int.Parse(p[3], CultureInfo.InvariantCulture));
        var val = File.ReadLines(Path.Combine(images, "val.txt")).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(','))
            .Select(p => (Path: p[0].Trim(), Class: int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
        if (val.Count == 0) throw new InvalidOperationException($"{Path.Combine(images, "val.txt")} lists no photos.");
        int count = Math.Min(events, val.Count);
        // evenly spaced over the file (it is sorted by class), so the sample spans the classes
        var picked = Enumerable.Range(0, count).Select(i => val[(int)((long)i * val.Count / count)]).ToList();
        var requests = picked.Select((v, i) => (Request: Request(catalog, coarse, v.Class, File.ReadAllBytes(Path.Combine(images, v.Path)), i), Truth: catalog[v.Class].Id)).ToList();

        Console.WriteLine();
        Console.WriteLine($"on-device stage per ambiguous event: OnDeviceCandidateChooser.ChooseAsync, prompt {template.Name}, {Candidates} candidates, " +
            $"{count} val photos ({root}), JPEG decode included, 1 thread, after 3 warm-up events; load average {Bench.LoadAverage()} at start");
        Console.WriteLine($"{"runtime",-22} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"p50 cpu ms",11} {"p95 cpu ms",11} {"prompt tok",11} {"fwd steps",10} {"right",6} {"≤100 ms p95",12}");
        var runtimes = new List<(string Name, EngineOptions Options)>
        {
            ("ours fp32", new EngineOptions()),
            ("ours int8", new EngineOptions { UseInt8Decoder = true }),
            ("genai (image_features)", new EngineOptions { Runtime = GenerationRuntime.GenAI }),
        };
        foreach (var type in new[] { GgufQuantization.F16, GgufQuantization.Q8_0, GgufQuantization.Q4_0 })
        {
            runtimes.Add(("llama.cpp " + type.ToString().ToLowerInvariant(), new EngineOptions { Runtime = GenerationRuntime.Llama, GgufQuantization = type }));
        }

        foreach (var (name, options) in runtimes)
        {
            if (!Available(model, options))
            {
                Console.WriteLine($"{name,-22} (skipped: its model file is not in {model})");
                continue;
            }

            using var engine = GenerationEngine.Open(model, new EngineOptions
            {
                Runtime = options.Runtime, UseInt8Decoder = options.UseInt8Decoder, GgufQuantization = options.GgufQuantization, IntraOpThreads = 1,
            });
            var chooser = new OnDeviceCandidateChooser(engine, template);
            for (int i = 0; i < 3; i++) chooser.ChooseAsync(requests[i].Request).GetAwaiter().GetResult();
            List<double> wall = [], cpu = [], promptTokens = [];
            int right = 0, steps = 0;
            foreach (var (request, truth) in requests)
            {
                long t0 = Stopwatch.GetTimestamp();
                double c0 = ThreadCpu.Seconds();
                // completes on this thread: the engine's lock is free and every runtime computes on the caller
                var choice = chooser.ChooseAsync(request).GetAwaiter().GetResult();
                cpu.Add((ThreadCpu.Seconds() - c0) * 1000);
                wall.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (choice.ProductId == truth) right++;
                promptTokens.Add(choice.InputTokens);
                steps += choice.OutputTokens;
            }

            double p95 = Percentile(wall, 0.95);
            Console.WriteLine($"{name,-22} {Percentile(wall, 0.5),8:F1} {p95,8:F1} {wall.Max(),8:F1} {Percentile(cpu, 0.5),11:F1} {Percentile(cpu, 0.95),11:F1} " +
                $"{Percentile(promptTokens, 0.5),11:F0} {steps / (double)requests.Count,10:F1} {right,3}/{requests.Count,-2} {(p95 <= 100 ? "yes" : "no"),12}");
        }

        Console.WriteLine($"load average {Bench.LoadAverage()} at the end of the on-device stage");
    }

    private static bool Available(string model, EngineOptions options) => options.Runtime switch
    {
        GenerationRuntime.Llama => File.Exists(Path.Combine(model, $"basket-vlm-{options.GgufQuantization.ToString().ToLowerInvariant()}.gguf")),
        GenerationRuntime.GenAI => File.Exists(Path.Combine(model, "genai", "genai_config.json")),
        _ => !options.UseInt8Decoder || File.Exists(Path.Combine(model, BasketReasoner.Generation.Model.ModelFolder.DecoderInt8File)),
    };

    private static ChoiceRequest Request(ProductCatalog catalog, Dictionary<int, int> coarse, int truth, byte[] jpeg, int seed)
    {
        int group = coarse.GetValueOrDefault(truth, -1);
        var others = Enumerable.Range(0, catalog.Count).Where(c => c != truth)
            .OrderBy(c => coarse.GetValueOrDefault(c, -2) == group ? 0 : 1)
            .ThenBy(c => Math.Abs(c - truth))
            .Take(Candidates - 1);
        var rng = new Random(seed);
        var ids = new[] { truth }.Concat(others).OrderBy(_ => rng.Next()).ToList();
        var candidates = ids.Select(c => new ChoiceCandidate(catalog[c].Id, catalog[c].DisplayName, 1.0 / Candidates)).ToList();
        return new ChoiceRequest(CartEventType.Add, [jpeg], null, candidates);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
