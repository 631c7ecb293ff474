using System.Diagnostics;
using System.Security.Cryptography;
using EthGov.Core.Digests;
using EthGov.Testing;
using Xunit.Abstractions;

namespace EthGov.Chain.Tests.Transactions;

/// <summary>
/// The sender against anvil, which (like geth and Besu, unlike Hardhat) keeps a transaction whose nonce is ahead of the
/// chain waiting in its pool: every way a nonce gap opens (a reorganisation, a dropped transaction, a node restarted with
/// an empty pool, a transaction that is never mined) is detected, repaired and logged, and the transaction is mined.
/// </summary>
public sealed class NonceGapTests(ITestOutputHelper output)
{
    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Send_AfterARevertUndidTheLastTransaction_ReusesItsNonceAndIsMinedAtOnce()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings());
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(), log);
        var snapshot = (await chain.CallAsync("evm_snapshot")).GetString()!;
        var undone = (await client.Documents.AnchorAsync(NewDigest())).Unwrap();
        Assert.True((await chain.CallAsync("evm_revert", snapshot)).GetBoolean());

        var clock = Stopwatch.StartNew();
        var again = await client.Documents.AnchorAsync(NewDigest());
        clock.Stop();

        Assert.True(again.IsSuccess, $"{again.Error} after {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"mined only after {clock.Elapsed}");
        Assert.Equal("0x0", (await chain.TransactionAsync(again.Value.TransactionHash)).GetProperty("nonce").GetString());
        Assert.Contains(log.Warnings, w => w.Contains("next nonce 1 resynchronised to 0", StringComparison.Ordinal));
        Assert.NotEqual(undone.TransactionHash, again.Value.TransactionHash);
    }

    [Fact]
    public async Task Wait_WhenTheNodeDropsTheTransaction_ReplacesItWithAHigherFeeAndItIsMined()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings());
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(), log);
        await chain.CallAsync("anvil_setAutomine", false);
        var sending = client.Documents.AnchorAsync(NewDigest());
        var dropped = await chain.WaitInPoolAsync(0);
        var droppedHash = dropped.GetProperty("hash").GetString()!;

        await chain.CallAsync("anvil_dropTransaction", droppedHash);
        await chain.CallAsync("anvil_setIntervalMining", 1);
        var clock = Stopwatch.StartNew();
        var result = await sending;

        Assert.True(result.IsSuccess, $"{result.Error} after {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"mined only {clock.Elapsed} after the drop");
        var mined = await chain.TransactionAsync(result.Value.TransactionHash);
        Assert.NotEqual(droppedHash, result.Value.TransactionHash);
        Assert.Equal("0x0", mined.GetProperty("nonce").GetString());
        Assert.True(AnvilRegistry.Quantity(mined.GetProperty("maxFeePerGas")) * 8 >= AnvilRegistry.Quantity(dropped.GetProperty("maxFeePerGas")) * 9, "the replacement pays at least 12.5 % more");
        Assert.Contains(log.Warnings, w => w.Contains("was dropped by the node", StringComparison.Ordinal) && w.Contains(droppedHash, StringComparison.Ordinal) && w.Contains(result.Value.TransactionHash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_AtZeroGasPrice_WhenTheNodeDropsTheTransaction_SendsTheSameTransactionAgain()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings { ChainId = 2026, ZeroGas = true });
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(), log);
        await chain.CallAsync("anvil_setAutomine", false);
        var sending = client.Documents.AnchorAsync(NewDigest());
        var droppedHash = (await chain.WaitInPoolAsync(0)).GetProperty("hash").GetString()!;

        await chain.CallAsync("anvil_dropTransaction", droppedHash);
        Assert.Empty(await chain.PoolAsync());
        await chain.CallAsync("anvil_setIntervalMining", 1);
        var result = await sending;

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(droppedHash, result.Value.TransactionHash);
        Assert.Equal("0x0", (await chain.TransactionAsync(droppedHash)).GetProperty("gasPrice").GetString());
        Assert.Contains(log.Warnings, w => w.Contains($"sent {droppedHash} again unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_WhenTheNodeRestartsWithAnEmptyPool_SendsTheTransactionAgainAndItIsMined()
    {
        var state = Path.Combine(Directory.CreateTempSubdirectory("ethgov-anvil-state-").FullName, "state.json");
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings { StateFile = state });
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(), log);
        await chain.CallAsync("anvil_setAutomine", false);
        var sending = client.Documents.AnchorAsync(NewDigest());
        var lostHash = (await chain.WaitInPoolAsync(0)).GetProperty("hash").GetString()!;

        await chain.RestartAsync();
        var clock = Stopwatch.StartNew();
        Assert.Empty(await chain.PoolAsync());
        var result = await sending;
        var next = await client.Documents.AnchorAsync(NewDigest());

        Assert.True(result.IsSuccess, $"{result.Error} {clock.Elapsed} after the restart");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"mined only {clock.Elapsed} after the restart");
        Assert.Equal("0x0", (await chain.TransactionAsync(result.Value.TransactionHash)).GetProperty("nonce").GetString());
        Assert.Contains(log.Warnings, w => w.Contains("was dropped by the node", StringComparison.Ordinal) && w.Contains(lostHash, StringComparison.Ordinal));
        Assert.True(next.IsSuccess, next.Error?.ToString());
        Assert.Equal("0x1", (await chain.TransactionAsync(next.Value.TransactionHash)).GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task Wait_WhenTheTransactionIsNotMinedWithinStuckAfter_ReplacesItWithAHigherFee()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings());
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(stuckAfter: TimeSpan.FromSeconds(1)), log);
        await chain.CallAsync("anvil_setAutomine", false);
        var sending = client.Documents.AnchorAsync(NewDigest());
        var stuck = await chain.WaitInPoolAsync(0);
        var stuckHash = stuck.GetProperty("hash").GetString()!;

        // Nothing is mined until the pool's transaction at nonce 0 changes (or 10 s pass).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? replacementHash = null;
        while (DateTime.UtcNow < deadline && replacementHash is null)
        {
            await Task.Delay(200);
            if ((await chain.PoolAsync()).TryGetValue(0, out var now) && now.GetProperty("hash").GetString() != stuckHash)
            {
                replacementHash = now.GetProperty("hash").GetString();
            }
        }

        await chain.CallAsync("evm_mine");
        var result = await sending;

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.NotNull(replacementHash);
        Assert.Equal(replacementHash, result.Value.TransactionHash);
        var mined = await chain.TransactionAsync(replacementHash);
        Assert.True(AnvilRegistry.Quantity(mined.GetProperty("maxPriorityFeePerGas")) * 8 >= AnvilRegistry.Quantity(stuck.GetProperty("maxPriorityFeePerGas")) * 9);
        Assert.Contains(log.Warnings, w => w.Contains("without a receipt", StringComparison.Ordinal) && w.Contains(stuckHash, StringComparison.Ordinal) && w.Contains(replacementHash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_WhenARevertUndoesTheTransactionBelowIt_FillsTheGapAndTheWaitingTransactionIsMined()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings());
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(), log);
        var snapshot = (await chain.CallAsync("evm_snapshot")).GetString()!;
        var undone = (await client.Documents.AnchorAsync(NewDigest())).Unwrap();
        await chain.CallAsync("anvil_setAutomine", false);
        var waiting = client.Documents.AnchorAsync(NewDigest());
        await chain.WaitInPoolAsync(1);

        Assert.True((await chain.CallAsync("evm_revert", snapshot)).GetBoolean());
        await chain.CallAsync("anvil_setIntervalMining", 1);
        var clock = Stopwatch.StartNew();
        var result = await waiting;

        Assert.True(result.IsSuccess, $"{result.Error} after {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"mined only {clock.Elapsed} after the revert");
        Assert.Equal("0x1", (await chain.TransactionAsync(result.Value.TransactionHash)).GetProperty("nonce").GetString());
        Assert.Contains(log.Warnings, w => w.Contains(undone.TransactionHash, StringComparison.Ordinal) && w.Contains("is no longer on chain", StringComparison.Ordinal));
        Assert.Contains(log.Warnings, w => w.Contains("no transaction at nonce 0 below outstanding nonces", StringComparison.Ordinal));
        Assert.Equal("0x2", (await chain.CallAsync("eth_getTransactionCount", chain.Signer, "latest")).GetString());
    }

    [Fact]
    public async Task Send_ManyAtOnceOnTimedBlocks_AllMinedWithoutAnyWarning()
    {
        await using var chain = await AnvilRegistry.StartAsync(new AnvilSettings { BlockSeconds = 1 });
        var log = new RecordingLogger(output.WriteLine);
        var client = chain.Department(chain.Options(stuckAfter: TimeSpan.FromSeconds(5)), log);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.Documents.AnchorAsync(NewDigest())));
        var more = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.Documents.AnchorAsync(NewDigest())));

        Assert.All(results.Concat(more), r => Assert.True(r.IsSuccess, r.Error?.ToString()));
        Assert.Empty(log.Warnings);
        Assert.Equal("0xc", (await chain.CallAsync("eth_getTransactionCount", chain.Signer, "latest")).GetString());
    }
}
