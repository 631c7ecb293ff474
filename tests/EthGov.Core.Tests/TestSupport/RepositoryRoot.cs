namespace EthGov.Core.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding EthGov.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EthGov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EthGov.sln above {AppContext.BaseDirectory}.");
    }
}
