using BasketReasoner.Eval.Harness.Reports;
using BasketReasoner.Eval.Harness.Reports.Viewer;

namespace BasketReasoner.Eval.Harness.Runs;

/// <summary><c>basket eval merge DIR...</c>: the union of shard run folders' case logs, summarised as one run.</summary>
public static class RunMerger
{
    /// <param name="runDirectories">Shard run folders of one suite.</param>
    /// <param name="outputDirectory">An empty or new folder.</param>
    /// <param name="frames">Frame thumbnails for report.html; null: none.</param>
    public static EvalSummary Merge(IReadOnlyList<string> runDirectories, string outputDirectory, IFrameThumbnails? frames = null)
    {
        if (runDirectories.Count == 0)
        {
            throw new ArgumentException("nothing to merge");
        }

        var manifests = runDirectories.Select(RunManifest.Read).ToArray();
        if (manifests.Select(m => m.Suite).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new InvalidDataException($"the runs come from different suites: {string.Join(", ", manifests.Select(m => m.Suite).Distinct())}");
        }

        var byKey = new Dictionary<string, CaseRecord>(StringComparer.Ordinal);
        foreach (var dir in runDirectories)
        {
            foreach (var r in CaseLog.Read(Path.Combine(dir, CaseLog.FileName)))
            {
                byKey[r.Key] = r;
            }
        }

        Directory.CreateDirectory(outputDirectory);
        var manifest = new RunManifest { Suite = manifests[0].Suite, Shard = "merged", Graders = manifests[0].Graders, Thresholds = manifests[0].Thresholds };
        manifest.Write(outputDirectory);
        using (var log = new CaseLog(outputDirectory))
        {
            if (log.Existing.Count > 0)
            {
                throw new IOException($"{outputDirectory} already holds a case log; merge into an empty folder");
            }

            foreach (var r in byKey.Values.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                log.Append(r);
            }
        }

        var prompts = PromptStore.Merge(outputDirectory, runDirectories.SelectMany(PromptStore.Read));
        var summary = SummaryBuilder.Build(manifest, byKey.Values);
        ReportWriter.WriteAll(outputDirectory, summary, new CaseViewSource { Records = byKey.Values, Prompts = prompts, Frames = frames });
        return summary;
    }
}
