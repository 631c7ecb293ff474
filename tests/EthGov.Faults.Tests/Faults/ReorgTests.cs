using EthGov.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Faults.Tests.TestSupport;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// A reorganisation made with evm_snapshot / evm_revert and new blocks, on the Hardhat node and on anvil: the index and
/// the receipts follow the chain, a receipt naming a block that vanished is re-issued, never verified as valid, and the
/// batch sent again is mined within seconds. On anvil (like geth and Besu) a transaction sent with the nonce the sender
/// had cached before the reorganisation would wait behind the gap for ever; the sender must notice and say so.
/// </summary>
public sealed class ReorgTests(ITestOutputHelper output)
{
    // The issue's batch: 40 documents that stayed unanchored for more than 5 minutes after the reorganisation.
    private const int Documents = 40;

    private static readonly TimeSpan s_reanchorWithin = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(ChainClient.Hardhat)]
    [InlineData(ChainClient.Anvil)]
    public async Task Reorg_UndoesAnchoringBlocks_IndexAndReceiptsFollowTheChainAndTheBatchIsMinedAgainWithinSeconds(ChainClient client)
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync(client);
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        var key = await settings.CreateKeyAsync("CIVIL");
        await using var api = await ApiProcess.StartAsync(settings);
        using var http = api.Client(key);

        var snapshot = (await chain.Node.CallAsync("evm_snapshot")).GetString()!;
        string[] digests = [.. Enumerable.Range(0, Documents).Select(_ => Digests.New())];
        (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
        var oldReceipt = await http.GetStringAsync($"/api/v1/documents/{digests[0]}/receipt");
        var (oldBlock, oldBlockHash) = BlockOf(oldReceipt);
        var root = JsonDocument.Parse(oldReceipt).RootElement.GetProperty("batch").GetProperty("root").GetString()!;
        await WaitIndexedAsync(http, root, oldBlockHash);
        output.WriteLine($"anchored {digests.Length} digests in block {oldBlock}; the index holds the batch's BatchAnchored event");

        // The reorganisation: the anchoring block is undone and the chain grows past it with other blocks.
        Assert.True((await chain.Node.CallAsync("evm_revert", snapshot)).GetBoolean());
        var sinceRevert = Stopwatch.StartNew();
        var afterRevert = await ChainAnchors.ReadAsync(chain.RpcUrl, chain.Deployment);
        for (int i = 0; i < 3; i++)
        {
            await chain.Node.CallAsync("evm_mine");
        }

        output.WriteLine($"{client}: evm_revert to the snapshot: chain at block {afterRevert.LatestBlock}, {afterRevert.Batches.Count} batch anchors left; 3 blocks mined");
        Assert.Empty(afterRevert.Batches);

        // The API notices, re-sends the batch, and re-issues the receipts in the new block.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? newReceipt = null;
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync($"/api/v1/documents/{digests[0]}/receipt");
            var body = await response.Content.ReadAsStringAsync();
            seen.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (response.StatusCode == HttpStatusCode.OK && body != oldReceipt)
            {
                newReceipt = body;
                break;
            }

            await Task.Delay(200);
        }

        var reanchoredAfter = sinceRevert.Elapsed;
        var answers = string.Join(",", seen.Distinct());
        Assert.True(newReceipt is not null, $"the receipt was not re-issued after the reorganisation (answers {answers}); API log:{Environment.NewLine}{string.Join(Environment.NewLine, api.Output.TakeLast(20))}");
        // With timed blocks the new block may carry the old one's number: blocks differ by hash.
        var (newBlock, newBlockHash) = BlockOf(newReceipt);
        var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
        var receiptFailures = await counted.CheckReceiptsAsync(http, digests);
        var oldVerdict = await VerifyReceiptAsync(http, oldReceipt);
        var newVerdict = await VerifyReceiptAsync(http, newReceipt);
        await WaitIndexedAsync(http, root, newBlockHash);
        output.WriteLine($"receipt answers while re-anchoring: {answers}; re-issued in block {newBlock} {newBlockHash[..10]}… (was {oldBlock} {oldBlockHash[..10]}…); " +
            $"each digest anchored {string.Join("/", digests.Select(counted.TimesAnchored).Distinct())} time(s); receipt failures {receiptFailures.Count}; " +
            $"old receipt verifies {oldVerdict}, new receipt {newVerdict}; index: the batch's one event now in the new block; re-anchored {reanchoredAfter.TotalSeconds:F1} s after the revert; {clock.Elapsed.TotalSeconds:F0} s");
        var senderLog = api.Output.Where(l => l.Contains("resynchronised to", StringComparison.Ordinal) || l.Contains("nonce gap", StringComparison.Ordinal)).ToList();
        output.WriteLine($"the sender's log: {string.Join(" | ", senderLog.Select(l => l.Trim()))}");

        Assert.True(reanchoredAfter < s_reanchorWithin, $"the batch was mined again only {reanchoredAfter} after the revert");
        Assert.NotEmpty(senderLog);
        Assert.NotEqual(oldBlockHash, newBlockHash);
        Assert.All(digests, d => Assert.Equal(1, counted.TimesAnchored(d)));
        Assert.Empty(receiptFailures);
        Assert.NotEqual("valid", oldVerdict);
        Assert.Equal("valid", newVerdict);
    }

    private static async Task<string> VerifyReceiptAsync(HttpClient http, string receipt)
    {
        using var content = new StringContent($"{{\"receipt\":{receipt}}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/v1/verify", content);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString()! : $"{(int)response.StatusCode}";
    }

    private static (ulong Number, string Hash) BlockOf(string receipt)
    {
        using var parsed = JsonDocument.Parse(receipt);
        return (parsed.RootElement.GetProperty("blockNumber").GetUInt64(), parsed.RootElement.GetProperty("blockHash").GetString()!);
    }

    /// <summary>Waits until the department's audit timeline holds one BatchAnchored event of <paramref name="root"/>, in block <paramref name="blockHash"/>.</summary>
    private static async Task WaitIndexedAsync(HttpClient http, string root, string blockHash)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/audit/departments/CIVIL?pageSize=500"));
            var blocks = page.RootElement.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("event").GetString() == "BatchAnchored" && e.GetProperty("data").GetProperty("root").GetString() == root)
                .Select(e => e.GetProperty("blockHash").GetString()!).ToList();
            if ((blocks.Count == 1 && string.Equals(blocks[0], blockHash, StringComparison.OrdinalIgnoreCase)) || DateTime.UtcNow > deadline)
            {
                Assert.Equal([blockHash.ToLowerInvariant()], blocks.Select(b => b.ToLowerInvariant()));
                return;
            }

            await Task.Delay(200);
        }
    }
}
