namespace BasketReasoner.Composition;

/// <summary>How configured relative paths are taken: from the checkout's root when they exist there, else from the working directory.</summary>
public static class AppPaths
{
    /// <summary>A rooted path as is; a relative one from the checkout's root when it exists there, else from the working directory.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        if (DefaultAssets.RepoRoot() is { } root && Path.Exists(Path.Combine(root, path)))
        {
            return Path.Combine(root, path);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, path);
        return !Path.Exists(Path.GetFullPath(path)) && Path.Exists(beside) ? beside : Path.GetFullPath(path);
    }
}
