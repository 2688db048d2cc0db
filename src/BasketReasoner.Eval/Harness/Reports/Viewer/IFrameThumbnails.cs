namespace BasketReasoner.Eval.Harness.Reports.Viewer;

/// <summary>Small inline pictures of case frames for <c>report.html</c> (the library reads no images itself).</summary>
public interface IFrameThumbnails
{
    /// <summary>A <c>data:</c> URI of a small thumbnail of <paramref name="image"/> (a path as the dataset names it,
    /// relative to the images folder), or null when the image cannot be found or read.</summary>
    string? DataUri(string image);
}
