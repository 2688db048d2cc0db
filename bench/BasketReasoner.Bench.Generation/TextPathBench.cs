using System.Diagnostics;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Runtimes.GenAI;
using BasketReasoner.Generation.Sampling;
using Microsoft.ML.OnnxRuntimeGenAI;

/// <summary>
/// <c>--text-path</c>: the runtimes that serve the text path, on the same text prompt (no image: ONNX Runtime GenAI
/// runs the text path only), greedy, one thread: the own engine (fused decoder, and the plain one GenAI's model.onnx
/// is built from), ONNX Runtime GenAI through
/// the engine's <see cref="ILogitsSource"/> (AppendTokens + logits + argmax in C#, what ChooseAsync and the JSON
/// automaton use) and GenAI's own token loop (GenerateNextToken, what native guidance uses; a fresh generator per
/// prompt, so its TTFT includes creating it). TTFT = prefill + first argmax; decode = newTokens single steps.
/// </summary>
internal static class TextPathBench
{
    public static void Run(string model, int[] prompt, int newTokens, int runs)
    {
        Console.WriteLine($"text path: prompt {prompt.Length} text tokens, {newTokens} new tokens, greedy, 1 thread, median of {runs} (decode: of {Math.Max(3, runs / 2)}); load average {Load()} at start");
        Console.WriteLine($"{"runtime",-34} {"TTFT ms",8} {"TTFT cpu ms",12} {"decode tok/s",13} {"tok/cpu-s",10}");
        var options = new EngineOptions { IntraOpThreads = 1, MaxSequenceLength = prompt.Length + newTokens + 8 };
        using (var ort = GenerationEngine.Open(model, options))
        {
            Print("ours (ort, fused decoder)", Source(ort.Source, prompt, newTokens, runs));
        }

        var plain = Path.Combine(model, "decoder_model_plain.onnx");
        if (File.Exists(plain))
        {
            // the graph GenAI's model.onnx is made of, run by the own engine from a folder where it is the decoder
            var dir = Path.Combine(Path.GetTempPath(), "bench-plain-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                foreach (var file in Directory.GetFiles(model).Where(f => !Path.GetFileName(f).StartsWith("decoder_model", StringComparison.Ordinal)))
                {
                    File.CreateSymbolicLink(Path.Combine(dir, Path.GetFileName(file)), Path.GetFullPath(file));
                }

                File.CreateSymbolicLink(Path.Combine(dir, "decoder_model_merged.onnx"), Path.GetFullPath(plain));
                using var ortPlain = GenerationEngine.Open(dir, options);
                Print("ours (ort, plain decoder)", Source(ortPlain.Source, prompt, newTokens, runs));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        using (var genai = GenerationEngine.Open(model, new EngineOptions { Runtime = GenerationRuntime.GenAI, IntraOpThreads = 1, MaxSequenceLength = options.MaxSequenceLength }))
        {
            Print("genai via ILogitsSource (plain)", Source(genai.Source, prompt, newTokens, runs));
        }

        using (var folder = GenAIModelFolder.Open(model, options))
        {
            Print("genai own token loop (plain)", OwnLoop(folder, prompt, newTokens, runs, options.MaxSequenceLength));
        }

        Console.WriteLine($"load average {Load()} at the end");
    }

    private static void Print(string name, (double Ttft, double TtftCpu, double Tps, double TpsCpu) r) =>
        Console.WriteLine($"{name,-34} {r.Ttft,8:F2} {r.TtftCpu,12:F2} {r.Tps,13:F1} {r.TpsCpu,10:F1}");

    private static (double, double, double, double) Source(ILogitsSource source, int[] prompt, int newTokens, int runs)
    {
        int First()
        {
            source.Truncate(0);
            return TokenSampler.ArgMax(source.Append(prompt));
        }

        var single = new int[1];
        return Measure(First, first =>
        {
            int tok = first;
            for (int n = 0; n < newTokens; n++)
            {
                single[0] = tok;
                tok = TokenSampler.ArgMax(source.Append(single));
            }
        }, newTokens, runs);
    }

    private static (double, double, double, double) OwnLoop(GenAIModelFolder folder, int[] prompt, int newTokens, int runs, int maxLength)
    {
        var model = folder.Model;
        // model.onnx's image_features input gets an empty tensor, as GenAIGuidedGeneration does for its prompts
        using var noImages = folder.HasImageInput ? new Tensor(GenAIGuidedGeneration.NoRows, [1, 0, folder.Config.HiddenSize], ElementType.float32) : null;
        GeneratorParams? p = null;
        Generator? g = null;
        int First()
        {
            g?.Dispose();
            p?.Dispose();
            p = new GeneratorParams(model);
            p.SetSearchOption("max_length", maxLength);
            p.SetSearchOption("do_sample", false);
            // GenAI's loop stops at the end token (and then fails on the next call); the others ignore it, so
            // min_length keeps all three on 64 decode steps
            p.SetSearchOption("min_length", prompt.Length + newTokens + 2);
            g = new Generator(model, p);
            if (noImages is not null) g.SetModelInput(GenAIModelFolder.ImageInput, noImages);
            g.AppendTokens(prompt);
            g.GenerateNextToken();
            return g.GetNextTokens()[0];
        }

        try
        {
            return Measure(First, _ =>
            {
                for (int n = 0; n < newTokens; n++) g!.GenerateNextToken();
            }, newTokens, runs);
        }
        finally
        {
            g?.Dispose();
            p?.Dispose();
        }
    }

    private static (double, double, double, double) Measure(Func<int> first, Action<int> decode, int newTokens, int runs)
    {
        for (int i = 0; i < 3; i++) first();
        List<double> ttft = [], ttftCpu = [], tps = [], tpsCpu = [];
        for (int i = 0; i < runs; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            double c0 = ThreadCpu.Seconds();
            first();
            ttftCpu.Add((ThreadCpu.Seconds() - c0) * 1000);
            ttft.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        for (int i = 0; i < Math.Max(3, runs / 2); i++)
        {
            int tok = first();
            long t0 = Stopwatch.GetTimestamp();
            double c0 = ThreadCpu.Seconds();
            decode(tok);
            tpsCpu.Add(newTokens / (ThreadCpu.Seconds() - c0));
            tps.Add(newTokens / Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }

        return (Median(ttft), Median(ttftCpu), Median(tps), Median(tpsCpu));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
