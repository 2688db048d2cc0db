// `--profile`: where one decode step's time goes, on the same model and prompt shape as the benchmark. Parts:
// the engine's whole step (Append + argmax), a bare decoder Run over OrtValues built once at a fixed past length
// (what ONNX Runtime costs with no binding work), the sum of the decoder's kernel times from ONNX Runtime's own
// profiler (the rest of a Run is its per-node framework overhead), an embed_tokens session call, the decoding
// loop's extra work (sampler, stop matcher, detokeniser), and the top operators by kernel time.
using System.Globalization;
using System.Text.Json;
using BasketReasoner.Generation;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Model;
using BasketReasoner.Generation.Sampling;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

internal static class DecodeProfile
{
    public static void Run(string model, bool int8, int[] prompt, float[] pixels, int steps)
    {
        var config = ModelConfig.Load(Path.Combine(model, "config.json"));
        int maxLength = prompt.Length + steps + 8;
        using var engine = GenerationEngine.Open(model, new EngineOptions { UseInt8Decoder = int8, IntraOpThreads = 1, MaxSequenceLength = maxLength });
        var source = (OnnxLogitsSource)engine.Source;
        var features = engine.Images!.EncodePixels(pixels.ToArray());
        var single = new int[1];

        // 1. the engine's decode step
        double EngineStep()
        {
            source.Truncate(0);
            int tok = TokenSampler.ArgMax(source.Append(prompt, features));
            double c0 = ThreadCpu.Seconds();
            for (int n = 0; n < steps; n++)
            {
                single[0] = tok;
                tok = TokenSampler.ArgMax(source.Append(single));
            }

            double us = (ThreadCpu.Seconds() - c0) * 1e6 / steps;
            source.Truncate(0);
            return us;
        }

        // 2. the decoding loop's per-token work besides the model: greedy sampler, end check, stop matcher, streamed
        //    text (a trained model ends after a few tokens, so this is timed on its own over fixed logits)
        var sampler = new TokenSampler(config.VocabSize, new SamplingOptions());
        var stops = new StopSequenceMatcher(["\n\n"]);
        var loopLogits = new float[config.VocabSize];
        var rngLogits = new Random(1);
        for (int i = 0; i < loopLogits.Length; i++) loopLogits[i] = (float)rngLogits.NextDouble();
        var loopContext = new int[prompt.Length + 1];
        double LoopStep()
        {
            double c0 = ThreadCpu.Seconds();
            int n = steps * 100, sum = 0;
            for (int i = 0; i < n; i++)
            {
                loopLogits[(i * 37) % loopLogits.Length] += 1f; // a different winner now and then
                int token = sampler.Sample(loopLogits, loopContext);
                if (!engine.Vocabulary.IsEnd(token)) sum += stops.Push(engine.Vocabulary.BytesOf(token)).Emit.Length;
            }

            double us = (ThreadCpu.Seconds() - c0) * 1e6 / n;
            return sum < 0 ? double.NaN : us;
        }

        // 3. bare decoder Run at a fixed past length, every OrtValue built once
        string decoderFile = Path.Combine(model, int8 ? ModelFolder.DecoderInt8File : ModelFolder.DecoderFile);
        string profilePrefix = Path.Combine(Path.GetTempPath(), $"decode-profile-{Environment.ProcessId}-{(int8 ? "int8" : "fp32")}");
        using var plain = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var decoder = new InferenceSession(decoderFile, plain);
        using var noPattern = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, EnableMemoryPattern = false };
        using var decoderNoPattern = new InferenceSession(decoderFile, noPattern);
        int past = prompt.Length + steps / 2, kv = config.NumKeyValueHeads, hd = config.HeadDim;
        var names = new List<string> { "inputs_embeds", "attention_mask" };
        var values = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(new float[config.HiddenSize], [1, 1, config.HiddenSize]),
            OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, past + 1).ToArray(), [1, past + 1]),
        };
        if (decoder.InputMetadata.ContainsKey("position_ids"))
        {
            names.Add("position_ids");
            values.Add(OrtValue.CreateTensorValueFromMemory(new long[] { past }, [1, 1]));
        }

        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            foreach (var part in (string[])["key", "value"])
            {
                names.Add($"past_key_values.{i}.{part}");
                values.Add(OrtValue.CreateTensorValueFromMemory(new float[kv * past * hd], [1, kv, past, hd]));
            }
        }

        var outputNames = decoder.OutputMetadata.Keys.ToArray();
        var outputs = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(new float[config.VocabSize], [1, 1, config.VocabSize]) };
        foreach (var o in outputNames.Skip(1)) outputs.Add(OrtValue.CreateTensorValueFromMemory(new float[kv * (past + 1) * hd], [1, kv, past + 1, hd]));
        using var runOptions = new RunOptions();
        double BareRun(InferenceSession s)
        {
            double c0 = ThreadCpu.Seconds();
            for (int n = 0; n < steps; n++) s.Run(runOptions, names, values, outputNames, outputs);
            return (ThreadCpu.Seconds() - c0) * 1e6 / steps;
        }

        // 4. one embed_tokens call for one token (what a decode step would pay without the row cache)
        using var embed = new InferenceSession(Path.Combine(model, ModelFolder.EmbedFile), plain);
        using var ids = OrtValue.CreateTensorValueFromMemory(new long[] { 5 }, [1, 1]);
        using var embOut = OrtValue.CreateTensorValueFromMemory(new float[config.HiddenSize], [1, 1, config.HiddenSize]);
        double EmbedRun()
        {
            double c0 = ThreadCpu.Seconds();
            for (int n = 0; n < steps; n++) embed.Run(runOptions, ["input_ids"], [ids], ["inputs_embeds"], [embOut]);
            return (ThreadCpu.Seconds() - c0) * 1e6 / steps;
        }

        var logits = new float[config.VocabSize];
        double ArgMaxOnly()
        {
            double c0 = ThreadCpu.Seconds();
            int acc = 0;
            for (int n = 0; n < steps * 100; n++) acc += TokenSampler.ArgMax(logits);
            double us = (ThreadCpu.Seconds() - c0) * 1e6 / (steps * 100);
            return acc == int.MinValue ? double.NaN : us;
        }

        for (int w = 0; w < 3; w++) { EngineStep(); LoopStep(); BareRun(decoder); EmbedRun(); ArgMaxOnly(); }
        var e = new List<double>(); var l = new List<double>(); var b = new List<double>(); var m = new List<double>(); var a = new List<double>();
        var np = new List<double>();
        BareRun(decoderNoPattern);
        for (int r = 0; r < 7; r++) { e.Add(EngineStep()); l.Add(LoopStep()); b.Add(BareRun(decoder)); np.Add(BareRun(decoderNoPattern)); m.Add(EmbedRun()); a.Add(ArgMaxOnly()); }

        // 5. ONNX Runtime's profiler over the bare run: kernel time per node
        using var profOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        profOptions.ProfileOutputPathPrefix = profilePrefix; // before EnableProfiling, which reads it
        profOptions.EnableProfiling = true;
        profOptions.OptimizedModelFilePath = profilePrefix + "-optimized.onnx";
        string profileFile;
        using (var profiled = new InferenceSession(decoderFile, profOptions))
        {
            for (int r = 0; r < 4; r++) BareRun(profiled);
            profileFile = profiled.EndProfiling();
        }

        var (runUs, kernelUs, nodes, byOp) = ReadProfile(profileFile, steps);
        Console.WriteLine($"decode-step profile ({(int8 ? "int8" : "fp32")} decoder, past ≈ {past}, median of 7 × {steps} steps, thread CPU µs per token, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}):");
        Console.WriteLine($"  engine step (Append + argmax)            {Median(e),8:F1}");
        Console.WriteLine($"  sampler + stop matcher + text per token  {Median(l),8:F2}");
        Console.WriteLine($"  bare decoder Run, values built once      {Median(b),8:F1}   (engine binding/wrappers/copies: {Median(e) - Median(b):F1})");
        Console.WriteLine($"  nodes after ONNX Runtime's optimiser     {nodes,8}   (the profiler's own per-node cost makes a profiled Run {runUs / Median(b):F1}x slower, so only shares below)");
        Console.WriteLine($"  bare Run, memory pattern off             {Median(np),8:F1}");
        Console.WriteLine($"  embed_tokens session call (1 token)      {Median(m),8:F1}   (skipped on decode steps: cached rows)");
        Console.WriteLine($"  argmax over the vocabulary               {Median(a),8:F2}");
        Console.WriteLine($"  operators by kernel time (share of all kernel time, node count); kernels = {kernelUs / runUs:P0} of a profiled Run:");
        foreach (var (op, (us, count)) in byOp.OrderByDescending(kv => kv.Value.Us).Take(12))
        {
            Console.WriteLine($"    {op,-34} {us / kernelUs,8:P1} {count,5}");
        }

        Console.WriteLine($"  (optimised graph: {profOptions.OptimizedModelFilePath}; profile: {profileFile})");
        foreach (var v in values) v.Dispose();
        foreach (var v in outputs) v.Dispose();
    }

    // ONNX Runtime's profiler times with the wall clock, so on a loaded machine a preempted kernel looks slow: each
    // node's time is its median over the runs, and the Run's is the median model_run.
    private static (double RunUs, double KernelUs, int Nodes, Dictionary<string, (double Us, int Count)> ByOp) ReadProfile(string file, int steps)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var runs = new List<double>();
        var perNode = new Dictionary<string, (string Op, List<double> Us)>();
        foreach (var ev in doc.RootElement.EnumerateArray())
        {
            if (!ev.TryGetProperty("cat", out var cat)) continue;
            string name = ev.GetProperty("name").GetString() ?? "";
            double dur = ev.TryGetProperty("dur", out var d) ? d.GetDouble() : 0;
            if (cat.GetString() == "Session" && name == "model_run") runs.Add(dur);
            if (cat.GetString() != "Node" || !name.EndsWith("_kernel_time", StringComparison.Ordinal)) continue;
            string op = ev.GetProperty("args").TryGetProperty("op_name", out var o) ? o.GetString() ?? "?" : "?";
            if (!perNode.TryGetValue(name, out var entry)) perNode[name] = entry = (op, []);
            entry.Us.Add(dur);
        }

        var byOp = new Dictionary<string, (double Us, int Count)>();
        double kernel = 0;
        foreach (var (op, us) in perNode.Values)
        {
            double m = Median(us);
            kernel += m;
            var cur = byOp.GetValueOrDefault(op);
            byOp[op] = (cur.Us + m, cur.Count + 1);
        }

        return (runs.Count > 0 ? Median(runs) : double.NaN, kernel, perNode.Count, byOp);
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s[s.Count / 2];
    }
}
