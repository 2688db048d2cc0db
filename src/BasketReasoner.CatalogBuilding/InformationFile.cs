namespace BasketReasoner.CatalogBuilding;

/// <summary>
/// One <c>&lt;Class&gt;_Information.txt</c> from the dataset. The files are loose "Key: value" lines whose keys vary
/// between produce (<c>Country and volume</c>, <c>Country</c>) and packages (<c>Manufacturer and volume</c>,
/// <c>Manufacturing country</c>, <c>Ingredients</c>); indented lines under <c>Nutrition values per 100 gram</c> are
/// nutrition rows, some files repeat them.
/// </summary>
internal sealed class InformationFile
{
    private const string NutritionKey = "Nutrition values per 100 gram";

    private readonly Dictionary<string, string> _fields;

    private InformationFile(Dictionary<string, string> fields, IReadOnlyList<string> nutrition)
    {
        _fields = fields;
        Nutrition = nutrition;
    }

    public string? Title => Get("Title");

    /// <summary>Produce: <c>Italy, ca 180g</c> or just <c>Peru</c>.</summary>
    public string? CountryAndVolume => Get("Country and volume") ?? Get("Country");

    /// <summary>Packages: <c>ARLA KO , 1l</c>.</summary>
    public string? ManufacturerAndVolume => Get("Manufacturer and volume");

    public string? ManufacturingCountry => Get("Manufacturing country");

    public string? Ingredients => Get("Ingredients");

    public string? Description => Get("Description");

    public string? Url => Get("URL");

    /// <summary>Nutrition rows per 100 g as written, e.g. <c>fett ca 3 gram</c>.</summary>
    public IReadOnlyList<string> Nutrition { get; }

    public string? Get(string key) => _fields.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public static InformationFile Load(string path) => Parse(File.ReadAllText(path));

    public static InformationFile Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var nutrition = new List<string>();
        var inNutrition = false;
        foreach (var raw in text.TrimStart('\uFEFF').Split('\n'))
        {
            var line = raw.TrimEnd('\r', ' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            // Nutrition rows are indented; a "Key: value" line at column 0 ends the block.
            if (inNutrition && char.IsWhiteSpace(line[0]))
            {
                nutrition.Add(line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            inNutrition = key.Equals(NutritionKey, StringComparison.OrdinalIgnoreCase);
            fields.TryAdd(key, value);
        }

        return new InformationFile(fields, nutrition);
    }
}
