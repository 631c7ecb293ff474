using EthGov.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Faults.Tests.TestSupport;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// A reorganisation made with Hardhat's evm_snapshot / evm_revert and new blocks: the index and the receipts follow
/// the chain, and a receipt naming a block that vanished is re-issued, never verified as valid.
/// </summary>
public sealed class ReorgTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reorg_UndoesAnchoringBlocks_IndexAndReceiptsFollowTheChain()
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync();
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile);
        var key = await settings.CreateKeyAsync("CIVIL");
        await using var api = await ApiProcess.StartAsync(settings);
        using var http = api.Client(key);

        var snapshot = (await chain.Node.CallAsync("evm_snapshot")).GetString()!;
        string[] digests = [.. Enumerable.Range(0, 12).Select(_ => Digests.New())];
        (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
        var oldReceipt = await http.GetStringAsync($"/api/v1/documents/{digests[0]}/receipt");
        var oldBlock = JsonDocument.Parse(oldReceipt).RootElement.GetProperty("blockNumber").GetUInt64();
        var root = JsonDocument.Parse(oldReceipt).RootElement.GetProperty("batch").GetProperty("root").GetString()!;
        Assert.Equal(oldBlock, await WaitIndexedAsync(http, root, oldBlock));
        output.WriteLine($"anchored {digests.Length} digests in block {oldBlock}; the index holds the batch's BatchAnchored event");

        // The reorganisation: the anchoring block is undone and the chain grows past it with other blocks.
        Assert.True((await chain.Node.CallAsync("evm_revert", snapshot)).GetBoolean());
        for (int i = 0; i < 3; i++)
        {
            await chain.Node.CallAsync("evm_mine");
        }

        var afterRevert = await ChainAnchors.ReadAsync(chain.RpcUrl, chain.Deployment);
        output.WriteLine($"evm_revert to the snapshot, 3 blocks mined: chain at block {afterRevert.LatestBlock}, {afterRevert.Batches.Count} batch anchors left");
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

        var answers = string.Join(",", seen.Distinct());
        Assert.True(newReceipt is not null, $"the receipt was not re-issued after the reorganisation (answers {answers}); API log:{Environment.NewLine}{string.Join(Environment.NewLine, api.Output.TakeLast(20))}");
        var newBlock = JsonDocument.Parse(newReceipt).RootElement.GetProperty("blockNumber").GetUInt64();
        var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
        var receiptFailures = await counted.CheckReceiptsAsync(http, digests);
        var oldVerdict = await VerifyReceiptAsync(http, oldReceipt);
        var newVerdict = await VerifyReceiptAsync(http, newReceipt);
        var indexed = await WaitIndexedAsync(http, root, newBlock);
        output.WriteLine($"receipt answers while re-anchoring: {answers}; re-issued in block {newBlock} (was {oldBlock}); " +
            $"each digest anchored {string.Join("/", digests.Select(counted.TimesAnchored).Distinct())} time(s); receipt failures {receiptFailures.Count}; " +
            $"old receipt verifies {oldVerdict}, new receipt {newVerdict}; index: the batch's one event now in block {indexed}; {clock.Elapsed.TotalSeconds:F0} s");

        Assert.NotEqual(oldBlock, newBlock);
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

    /// <summary>Waits until the department's audit timeline holds one BatchAnchored event of <paramref name="root"/>, in <paramref name="block"/>; returns its block.</summary>
    private static async Task<ulong> WaitIndexedAsync(HttpClient http, string root, ulong block)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/audit/departments/CIVIL?pageSize=500"));
            var blocks = page.RootElement.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("event").GetString() == "BatchAnchored" && e.GetProperty("data").GetProperty("root").GetString() == root)
                .Select(e => e.GetProperty("blockNumber").GetUInt64()).ToList();
            if ((blocks.Count == 1 && blocks[0] == block) || DateTime.UtcNow > deadline)
            {
                Assert.Equal([block], blocks);
                return blocks[0];
            }

            await Task.Delay(200);
        }
    }
}
