using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EthGov.Chain.Tests.Transactions;

/// <summary>
/// Another program sends with the sender's key: the node's own wallet (eth_sendTransaction with the unlocked dev
/// account), a client independent of EthGov and Nethereum, as a second node or a script holding the key would. The
/// sender stops: it fails every later send with <see cref="SenderStop.ErrorName"/>, sends nothing more, so it neither
/// reuses nor skips a nonce, and logs one line at Error. What the key sent before the sender first looked is history,
/// not another sender.
/// </summary>
public sealed class ForeignSenderTests(ITestOutputHelper output)
{
    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(ChainClient.Hardhat)]
    [InlineData(ChainClient.Anvil)]
    public async Task Send_AfterAnotherClientSentWithTheKey_FailsWithSenderStopped_SendsNothingMore_AndSaysSoOnce(ChainClient kind)
    {
        await using var node = await StartAsync(kind);
        var (client, log) = await DeployAsync(node);
        var signer = client.Context.SignerAddress!;

        // Before the sender's first look at the key: history, not another sender.
        await SendWithNodeWalletAsync(node, signer);
        var first = await client.Documents.AnchorAsync(NewDigest());
        await SendWithNodeWalletAsync(node, signer);
        var count = await CountAsync(node, signer);

        var refused = await client.Documents.AnchorAsync(NewDigest());
        var again = await client.Documents.AnchorAsync(NewDigest());

        output.WriteLine($"{kind}: first send {(first.IsSuccess ? "mined" : first.Error)}; after the node's wallet sent at nonce 2: {refused.Error}; count {count} -> {await CountAsync(node, signer)}");
        Assert.True(first.IsSuccess, first.Error?.ToString());
        Assert.Equal((ChainErrorKind.Unavailable, SenderStop.ErrorName), (refused.Error?.Kind, refused.Error?.Name));
        Assert.Equal(SenderStop.ErrorName, again.Error?.Name);
        Assert.Equal(2ul, client.Context.SenderStopped?.Nonce);
        Assert.Equal(count, await CountAsync(node, signer));
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error).Message;
        Assert.Contains($"signer {signer} stopped sending", error, StringComparison.Ordinal);
        Assert.Contains("another process sends with this key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_WhenAnotherClientTakesTheNonceOfTheWaitingTransaction_FailsWithSenderStoppedAndSendsNothingMore()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings());
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(), log);
        await chain.CallAsync("anvil_setAutomine", false);
        var sending = client.Documents.AnchorAsync(NewDigest());
        var ours = await chain.WaitInPoolAsync(0);

        // The other client replaces it in the pool (three times the fees), and its transaction is mined at nonce 0.
        var theirs = (await chain.CallAsync("eth_sendTransaction", new
        {
            from = chain.Signer,
            to = chain.Signer,
            value = "0x0",
            gas = "0x5208",
            nonce = "0x0",
            maxFeePerGas = Hex(AnvilRegistry.Quantity(ours.GetProperty("maxFeePerGas")) * 3),
            maxPriorityFeePerGas = Hex(AnvilRegistry.Quantity(ours.GetProperty("maxPriorityFeePerGas")) * 3),
        })).GetString()!;
        await chain.CallAsync("evm_mine");
        var result = await sending;
        await chain.CallAsync("anvil_setAutomine", true);
        var after = await client.Documents.AnchorAsync(NewDigest());

        Assert.Equal(SenderStop.ErrorName, result.Error?.Name);
        Assert.Equal(0ul, client.Context.SenderStopped?.Nonce);
        Assert.Equal("0x0", (await chain.TransactionAsync(theirs)).GetProperty("nonce").GetString());
        Assert.Equal(SenderStop.ErrorName, after.Error?.Name);
        Assert.Equal("0x1", (await chain.CallAsync("eth_getTransactionCount", chain.Signer, "pending")).GetString());
        Assert.Empty(await chain.PoolAsync());
        Assert.Contains("nonce 0 was mined with a transaction this process did not sign", Assert.Single(log.Entries, e => e.Level >= LogLevel.Error).Message, StringComparison.Ordinal);
    }

    private static string Hex(System.Numerics.BigInteger value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');

    private static async Task<IChainNode> StartAsync(ChainClient kind) => kind switch
    {
        ChainClient.Hardhat => await HardhatNode.StartAsync(),
        _ => await AnvilNode.StartAsync(new AnvilSettings()),
    };

    /// <summary>The registry with CIVIL signing with dev account 1, deployed by dev account 0; a client for CIVIL.</summary>
    private async Task<(RegistryClient Client, RecordingLogger Log)> DeployAsync(IChainNode node)
    {
        var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId, ReceiptTimeout = TimeSpan.FromSeconds(15) };
        var civil = DevAccounts.Get(1, 31337);
        var deployment = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, 31337), [new DepartmentSeed("CIVIL", "Civil Registry Office", civil.Address)], 1, 0, null)).Unwrap();
        var log = new RecordingLogger(output.WriteLine);
        return (new RegistryClient(options, deployment.Registry, civil, logger: log), log);
    }

    /// <summary>A zero-value transfer from <paramref name="signer"/> to itself, signed by the node's wallet; waits until it is mined.</summary>
    private static async Task SendWithNodeWalletAsync(IChainNode node, string signer)
    {
        var hash = (await node.CallAsync("eth_sendTransaction", new { from = signer, to = signer, value = "0x0" })).GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await node.CallAsync("eth_getTransactionReceipt", hash)).ValueKind == JsonValueKind.Null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{hash} was not mined");
            await Task.Delay(50);
        }
    }

    private static async Task<string> CountAsync(IChainNode node, string signer)
        => (await node.CallAsync("eth_getTransactionCount", signer, "pending")).GetString()!;
}
