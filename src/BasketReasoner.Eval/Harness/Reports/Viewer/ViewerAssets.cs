namespace BasketReasoner.Eval.Harness.Reports.Viewer;

/// <summary>The viewer's style and script, embedded in the assembly and inlined into every page.</summary>
internal static class ViewerAssets
{
    private static readonly Lazy<string> CssText = new(() => Read("viewer.css"));
    private static readonly Lazy<string> ScriptText = new(() => Read("viewer.js"));

    public static string Css => CssText.Value;

    public static string Script => ScriptText.Value;

    /// <summary>The head of a page: charset, title, inline style.</summary>
    public static string Head(string title) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{System.Net.WebUtility.HtmlEncode(title)}</title><style>{Css}</style></head><body>";

    /// <summary>The case data block and the script that renders it into <c>#case-view</c>.</summary>
    public static string DataAndScript(string json) =>
        $"<script type=\"application/json\" id=\"case-data\">{json}</script><script>{Script}</script>";

    private static string Read(string name)
    {
        using var stream = typeof(ViewerAssets).Assembly.GetManifestResourceStream("BasketReasoner.Eval.Viewer." + name)
            ?? throw new InvalidOperationException($"viewer asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
