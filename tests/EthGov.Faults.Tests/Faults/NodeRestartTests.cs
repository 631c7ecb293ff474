using System.Diagnostics;
using System.Net.Http.Json;
using EthGov.Chain.Keys;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// The chain node restarted while a batch's transaction waits in its pool: the node comes back with the same chain and
/// an empty pool (anvil saving and loading its state, as a node restarted by its operator). The API's sender must notice
/// that its transaction is gone, send it again at the same nonce and log it; a sender that kept its cached nonce would
/// queue every later transaction behind the gap.
/// </summary>
public sealed class NodeRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_anchoredWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task NodeRestartedWithAnEmptyPool_WhileABatchWaitsThere_TheBatchIsSentAgainAndAnchoredWithinSeconds()
    {
        var clock = Stopwatch.StartNew();
        var anvil = new AnvilSettings
        {
            Port = FreePort.Next(),
            StateFile = Path.Combine(Directory.CreateTempSubdirectory("ethgov-faults-anvil-").FullName, "state.json"),
        };
        var node = await AnvilNode.StartAsync(anvil);
        await using var chain = await DeployedChain.OnAsync(node);
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        var key = await settings.CreateKeyAsync("CIVIL");
        await using var api = await ApiProcess.StartAsync(settings);
        using var http = api.Client(key);

        // Blocks stop, so the batch's transaction stays in the pool.
        await node.CallAsync("anvil_setAutomine", false);
        string[] digests = [.. Enumerable.Range(0, 40).Select(_ => Digests.New())];
        (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        var signer = DevAccounts.Get(1, 31337).Address;
        var waiting = await WaitForPendingAsync(node, signer);
        output.WriteLine($"the batch's transaction waits in the pool at nonce {waiting}");

        await node.StopAsync();
        await using var restarted = await AnvilNode.StartAsync(anvil);
        var sinceRestart = Stopwatch.StartNew();
        var pool = await restarted.CallAsync("txpool_status");
        output.WriteLine($"node restarted on port {restarted.Port} with its chain and an empty pool: {pool}");
        Assert.Equal("0x0", pool.GetProperty("pending").GetString());

        await ApiKillTests.WaitUntilSettledAsync(settings, s_anchoredWithin);
        var anchoredAfter = sinceRestart.Elapsed;
        var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
        var receiptFailures = await counted.CheckReceiptsAsync(http, digests);
        var senderLog = api.Output.Where(l => l.Contains("dropped by the node", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        output.WriteLine($"anchored {anchoredAfter.TotalSeconds:F1} s after the restart; each digest anchored {string.Join("/", digests.Select(counted.TimesAnchored).Distinct())} time(s); " +
            $"receipt failures {receiptFailures.Count}; the sender's log: {string.Join(" | ", senderLog)}; {clock.Elapsed.TotalSeconds:F0} s");

        Assert.All(digests, d => Assert.Equal(1, counted.TimesAnchored(d)));
        Assert.Empty(receiptFailures);
        Assert.NotEmpty(senderLog);
    }

    private static async Task<ulong> WaitForPendingAsync(NodeProcess node, string signer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var latest = Convert.ToUInt64((await node.CallAsync("eth_getTransactionCount", signer, "latest")).GetString(), 16);
            var pending = Convert.ToUInt64((await node.CallAsync("eth_getTransactionCount", signer, "pending")).GetString(), 16);
            if (pending > latest)
            {
                return latest;
            }

            Assert.True(DateTime.UtcNow < deadline, "the API sent no transaction");
            await Task.Delay(100);
        }
    }
}
