using System.Diagnostics;
using BasketReasoner.Eval.Harness.Datasets;
using BasketReasoner.Eval.Harness.Graders;
using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Reports.Viewer;
using BasketReasoner.Eval.Harness.Suites;
using BasketReasoner.Eval.Harness.Systems;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary>
/// Runs a suite: every system variant × every dataset it supports × every case in the shard × every repeat, at
/// most <c>concurrency</c> at once (and at most a system's own limit), each answer graded by every applicable
/// grader and appended to the case log as soon as it is done. Cases already in the log are skipped (resume).
/// </summary>
public sealed class EvalRunner(EvalRegistry registry)
{
    public async Task<EvalSummary> RunAsync(EvalSuite suite, EvalRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(options);
        var env = registry.Environment;
        var datasets = suite.Datasets.Select(d => DatasetLoader.Load(
            SuiteLoader.DatasetName(d), DatasetLoader.ParseKind(d.Kind), env.Resolve(d.Path), d.Split, d.Limit)).ToArray();
        // A dataset that yields nothing (an empty file, a misspelt split) would let a gate pass on a run that ran nothing.
        if (suite.Datasets.Zip(datasets).FirstOrDefault(x => x.Second.Count == 0) is { First: { } empty })
        {
            throw new InvalidDataException($"dataset '{SuiteLoader.DatasetName(empty)}' has no cases{(empty.Split is { } split ? $" in split '{split}'" : string.Empty)} ({empty.Path}): nothing would be measured");
        }
        var graders = suite.Graders.Select(g => (Spec: g, Evaluator: registry.CreateGrader(g))).ToArray();
        var systems = suite.Systems.SelectMany(SystemVariant.Expand).Select(v => (Variant: v, System: registry.CreateSystem(v))).ToArray();
        if (systems.Select(s => s.Variant.Name).Distinct(StringComparer.Ordinal).Count() != systems.Length)
        {
            throw new InvalidDataException("two systems share a name; give each a distinct name");
        }

        var seeds = suite.RepeatSeeds();
        Directory.CreateDirectory(options.OutputDirectory);
        new RunManifest
        {
            Suite = suite.Name,
            Shard = options.Shard.ToString(),
            Graders = graders.Select(g => g.Spec.MetricName).ToList(),
            Thresholds = suite.Thresholds,
        }.Write(options.OutputDirectory);
        PromptStore.Merge(options.OutputDirectory, systems.Select(s => s.System).OfType<BackendSystem>().SelectMany(b => b.PromptTexts));

        using var log = new CaseLog(options.OutputDirectory);
        var done = log.Existing.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var work = new List<(IEvalSystem System, SystemVariant Variant, EvalCase Case, int Repeat, int Seed)>();
        var total = 0;
        foreach (var (variant, system) in systems)
        {
            foreach (var cases in datasets)
            {
                foreach (var c in cases)
                {
                    if (!system.Supports(c.Kind) || (variant.Spec.Datasets is { } only && !only.Contains(c.Dataset)) || !options.Shard.Contains(c.Dataset, c.Id))
                    {
                        continue;
                    }

                    for (var r = 0; r < seeds.Count; r++)
                    {
                        total++;
                        if (!done.Contains(CaseRecord.MakeKey(system.Name, c.Dataset, c.Id, r)))
                        {
                            work.Add((system, variant, c, r, seeds[r]));
                        }
                    }
                }
            }
        }

        var cache = options.CacheDirectory is { } dir ? new ResponseCache(dir) : null;
        var gates = systems.ToDictionary(s => s.System, s => new SemaphoreSlim(Math.Min(s.System.MaxConcurrency, options.Concurrency ?? suite.Concurrency)));
        var finished = total - work.Count;
        var cachedCount = 0;
        var errorCount = 0;
        options.Progress?.Report(new RunProgress(finished, total, 0, 0));
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency ?? suite.Concurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var gate = gates[item.System];
                await gate.WaitAsync(ct).ConfigureAwait(false);
                CaseRecord record;
                try
                {
                    record = await RunOneAsync(item.System, item.Case, item.Repeat, item.Seed, cache, ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }

                await GradeAsync(record, item.Case, graders, ct).ConfigureAwait(false);
                log.Append(record);
                var cachedNow = record.Cached ? Interlocked.Increment(ref cachedCount) : Volatile.Read(ref cachedCount);
                var errorsNow = record.Error is not null ? Interlocked.Increment(ref errorCount) : Volatile.Read(ref errorCount);
                options.Progress?.Report(new RunProgress(Interlocked.Increment(ref finished), total, cachedNow, errorsNow));
            }).ConfigureAwait(false);

        var manifest = RunManifest.Read(options.OutputDirectory);
        var records = CaseLog.Read(Path.Combine(options.OutputDirectory, CaseLog.FileName));
        var summary = SummaryBuilder.Build(manifest, records);
        if (options.WriteReports)
        {
            ReportWriter.WriteAll(options.OutputDirectory, summary,
                new CaseViewSource { Records = records, Prompts = PromptStore.Read(options.OutputDirectory), Frames = options.Frames });
        }

        return summary;
    }

    private static async Task<CaseRecord> RunOneAsync(IEvalSystem system, EvalCase c, int repeat, int seed, ResponseCache? cache, CancellationToken ct)
    {
        var backend = system as BackendSystem;
        var record = new CaseRecord
        {
            System = system.Name,
            Dataset = c.Dataset,
            Kind = c.Kind.ToString().ToLowerInvariant(),
            CaseId = c.Id,
            Split = c.Split,
            Category = c.Category,
            Repeat = repeat,
            Seed = seed,
            Input = c.InputJson,
            Prompts = backend?.PromptIds is { Length: > 0 } p ? p : null,
            Parameters = backend?.Parameters is { Length: > 0 } q ? q : null,
        };
        string? key = null;
        if (cache is not null && system.CacheIdentity is { } identity)
        {
            key = ResponseCache.Key(identity, record.Prompts ?? "", c.InputJson, record.Parameters ?? "", repeat);
            record.CacheKey = key;
            if (cache.Get(key) is { } hit)
            {
                record.Output = hit;
                record.Cached = true;
                return record;
            }
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            record.Output = await system.RunAsync(c, seed, ct).ConfigureAwait(false);
            record.LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (key is not null)
            {
                cache!.Put(key, record.Output);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One failing case must not stop the run; it is graded on an empty answer and counted as an error.
            record.LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            record.Error = $"{ex.GetType().Name}: {ex.Message}";
            record.Output = new SystemOutput();
        }

        return record;
    }

    private static async Task GradeAsync(CaseRecord record, EvalCase c, (GraderSpec Spec, IEvaluator Evaluator)[] graders, CancellationToken ct)
    {
        var output = record.Output ?? new SystemOutput();
        var context = new CaseEvaluationContext(c, output);
        ChatMessage[] messages = [new(ChatRole.User, c.Payload is ShopperCase q ? q.Question : c.InputJson)];
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, output.Text));
        foreach (var (spec, evaluator) in graders)
        {
            if (!EvalRegistry.AppliesTo(spec, c))
            {
                continue;
            }

            EvaluationResult result;
            try
            {
                result = await evaluator.EvaluateAsync(messages, response, null, [context], ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                record.Grades.Add(new GradeRecord(spec.MetricName, 0, false, $"grader failed: {ex.GetType().Name}: {ex.Message}"));
                continue;
            }

            foreach (var metric in result.Metrics.Values)
            {
                double? score = metric switch
                {
                    NumericMetric n => n.Value,
                    BooleanMetric b => b.Value is { } v ? (v ? 1 : 0) : null,
                    _ => null,
                };
                if (score is not { } s)
                {
                    continue;
                }

                var name = result.Metrics.Count == 1 ? spec.MetricName : $"{spec.MetricName}.{metric.Name}";
                var passed = spec.PassAt is { } at ? s >= at
                    : metric.Interpretation is { } i ? !i.Failed
                    : s >= (spec.Type == "llm_judge" ? 0.75 : 1 - 1e-9);
                record.Grades.Add(new GradeRecord(name, s, passed, metric.Reason));
            }
        }
    }
}
