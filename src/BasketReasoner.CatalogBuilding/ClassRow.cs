using System.Globalization;

namespace BasketReasoner.CatalogBuilding;

/// <summary>One row of the dataset's <c>classes.csv</c>; paths are relative to the <c>dataset/</c> folder.</summary>
internal sealed record ClassRow(string Name, int ClassId, string CoarseName, int CoarseId, string IconicImagePath, string DescriptionPath)
{
    /// <summary>Reads <c>classes.csv</c>: a header line, then six comma-separated columns (no quoting in this dataset).</summary>
    public static IReadOnlyList<ClassRow> ReadAll(string csvPath)
    {
        var rows = new List<ClassRow>();
        foreach (var line in File.ReadLines(csvPath).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var c = line.Split(',', StringSplitOptions.TrimEntries);
            if (c.Length < 6)
            {
                throw new InvalidDataException($"{csvPath}: expected 6 columns, got {c.Length} in '{line}'.");
            }

            rows.Add(new ClassRow(
                c[0],
                int.Parse(c[1], CultureInfo.InvariantCulture),
                c[2],
                int.Parse(c[3], CultureInfo.InvariantCulture),
                c[4].TrimStart('/'),
                c[5].TrimStart('/')));
        }

        return rows;
    }

    /// <summary>Top category from the folder path: <c>Fruit</c>, <c>Vegetables</c> or <c>Packages</c>.</summary>
    public string TopCategory => IconicImagePath.Split('/')[1];

    /// <summary>The class's folder, relative to <c>dataset/</c>.</summary>
    public string Folder => Path.GetDirectoryName(IconicImagePath)!.Replace('\\', '/');
}
