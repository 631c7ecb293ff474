using System.Net;
using System.Net.Http.Json;
using EthGov.Application.Storage;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// One node process per data directory, through real API processes: a second one on the same directory refuses to start
/// with one line and exit code 1 before it opens the store; a kill -9 of the holder frees the directory; the CLI's key
/// commands keep working beside a running node.
/// </summary>
public sealed class DataDirectoryLockTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SecondNode_OnTheSameDataDirectory_RefusesWithOneLineAndExitCode1_UntilTheFirstIsKilled()
    {
        await using var chain = await DeployedChain.StartAsync();
        var first = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        // Its own port and its own sender lock directory: only the data directory is shared.
        var second = new ApiSettings(chain.RpcUrl, chain.DeploymentFile, first.DataDirectory).Serving("CIVIL");
        await using var running = await ApiProcess.StartAsync(first);
        var holder = running.Id;

        var (exitCode, refusal) = await ApiProcess.RunRefusedAsync(second);
        // Beside the running node, a key made as `ethgov apikey create` makes it is served by that node.
        var key = await first.CreateKeyAsync("CIVIL");
        using var beside = await running.Client(key).PostAsJsonAsync("/api/v1/documents", new { digest = Digests.New() });
        await running.KillAsync();
        await using var afterKill = await ApiProcess.StartAsync(second);
        using var live = await afterKill.Client().GetAsync("/health/live");

        output.WriteLine($"second node on {first.DataDirectory}: exit code {exitCode}: {refusal.Trim()}");
        output.WriteLine($"key created beside the running node: {(int)beside.StatusCode}; after kill -9 of process {holder}: /health/live {(int)live.StatusCode}");
        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(refusal));
        Assert.Equal(
            $"EthGov:DataDirectory: {first.DataDirectory} is in use: another node (process {holder}) holds its lock node.lock; run one node process per data directory",
            line);
        Assert.Equal(HttpStatusCode.Accepted, beside.StatusCode);
        Assert.True(afterKill.IsRunning);
        Assert.True(live.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Node_OnADataDirectoryLockedByAnotherProcess_RefusesBeforeCreatingItsStore()
    {
        await using var chain = await DeployedChain.StartAsync();
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        using var held = DataDirectoryLock.Acquire(settings.DataDirectory);

        var (exitCode, refusal) = await ApiProcess.RunRefusedAsync(settings);

        output.WriteLine($"exit code {exitCode}: {refusal.Trim()}; files: {string.Join(", ", Directory.GetFiles(settings.DataDirectory).Select(Path.GetFileName))}");
        Assert.Equal(1, exitCode);
        Assert.Contains($"another node (process {Environment.ProcessId}) holds its lock node.lock", Assert.Single(Lines(refusal)), StringComparison.Ordinal);
        Assert.False(new OutboxDatabase(settings.DataDirectory).StoreCreated());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
