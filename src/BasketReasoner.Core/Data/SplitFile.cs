using System.Globalization;

namespace BasketReasoner.Core.Data;

/// <summary>One image of a dataset split: its path relative to <c>dataset/</c> and its fine class index.</summary>
public sealed record SplitImage(string Path, int ClassIndex);

/// <summary>Reads the dataset's <c>train.txt</c>, <c>val.txt</c> and <c>test.txt</c> (<c>path, fine_id, coarse_id</c> per line).</summary>
public static class SplitFile
{
    public static IReadOnlyList<SplitImage> Read(string dataRoot, string split)
    {
        if (split is not ("train" or "val" or "test"))
        {
            throw new ArgumentException($"Unknown split '{split}': expected train, val or test.", nameof(split));
        }

        var path = System.IO.Path.Combine(DataRoot.ImagesFolder(dataRoot), split + ".txt");
        var list = new List<SplitImage>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && parts[0].Length > 0)
            {
                list.Add(new SplitImage(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)));
            }
        }

        return list;
    }
}
