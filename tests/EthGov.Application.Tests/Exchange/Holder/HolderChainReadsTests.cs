using EthGov.Application.Exchange.Holder;
using EthGov.Chain.Abi;
using EthGov.Chain.Blocks;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;

namespace EthGov.Application.Tests.Exchange.Holder;

/// <summary>The holder's chain reads are shared per block, so a burst of requests costs the node one read of each thing.</summary>
public sealed class HolderChainReadsTests(HolderChain chain) : IClassFixture<HolderChain>
{
    [Fact]
    public async Task ConcurrentReadsAtOneBlock_ReachTheNodeOncePerThingRead()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantAsync(record.Digest);
        await using var rpc = await CountingRpc.StartAsync(chain.Node.RpcUrl);
        var options = new ChainOptions { RpcUrl = rpc.Url, ChainId = ChainOptions.DevAccountsChainId, MaxReadAge = TimeSpan.FromSeconds(30) };
        var reads = new HolderChainReads(new RegistryClient(options, chain.Deployment.Registry), new BlockReader(options), options.MaxReadAge);

        var block = (await reads.LatestBlockAsync()).Value;
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var latest = await reads.LatestBlockAsync();
            var read = await reads.GrantAsync(latest.Value, grant);
            var department = await reads.DepartmentAsync(latest.Value, HolderChain.Health);
            var node = await reads.NodeAsync(latest.Value, HolderChain.Health);
            var batch = await reads.AccessBatchAsync(latest.Value, Digest.Zero);
            return (read.Value!.Id, department.Value!.Code, node.Value!.Url, batch.Value);
        }));

        Assert.All(answers, a => Assert.Equal((grant, "HEALTH", "http://health.test:8080", (AccessBatchInfo?)null), a));
        Assert.Equal(1, rpc.Calls("eth_blockNumber"));
        // grant + isGrantValid, department, departmentNode, accessBatch: five calls for fifty requests.
        Assert.Equal(5, rpc.Calls("eth_call"));
        Assert.True(block > 0);
    }

    [Fact]
    public async Task ANewBlock_IsReadAgain()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantAsync(record.Digest);
        await using var rpc = await CountingRpc.StartAsync(chain.Node.RpcUrl);
        var options = new ChainOptions { RpcUrl = rpc.Url, ChainId = ChainOptions.DevAccountsChainId, MaxReadAge = TimeSpan.Zero };
        var reads = new HolderChainReads(new RegistryClient(options, chain.Deployment.Registry), new BlockReader(options), TimeSpan.Zero);

        var before = (await reads.LatestBlockAsync()).Value;
        Assert.False((await reads.GrantAsync(before, grant)).Value!.Revoked);
        (await chain.Civil1.Grants.RevokeAsync(grant)).Unwrap();
        var after = (await reads.LatestBlockAsync()).Value;

        Assert.True(after > before);
        Assert.True((await reads.GrantAsync(after, grant)).Value!.Revoked);
    }

    [Fact]
    public async Task RequestsAtTheBlockBeforeTheHead_StillShareTheirReads_OlderOnesReadAlone()
    {
        var options = new ChainOptions { RpcUrl = chain.Node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };
        var reads = new HolderChainReads(new RegistryClient(options, chain.Deployment.Registry), new BlockReader(options), TimeSpan.Zero);
        var calls = new Dictionary<ulong, int>();
        Task<ChainResult<ulong>> Read(ulong block)
        {
            lock (calls)
            {
                calls[block] = calls.GetValueOrDefault(block) + 1;
            }

            return Task.FromResult(ChainResult<ulong>.Ok(block));
        }

        Assert.Equal(10UL, (await reads.AtBlockAsync(10, "grant:1", () => Read(10))).Value);
        Assert.Equal(11UL, (await reads.AtBlockAsync(11, "grant:1", () => Read(11))).Value);
        // Requests that read the head at block 10, still being checked after block 11 came: one read among them.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(10UL, (await reads.AtBlockAsync(10, "grant:1", () => Read(10))).Value);
            Assert.Equal(11UL, (await reads.AtBlockAsync(11, "grant:1", () => Read(11))).Value);
        }

        Assert.Equal(1, calls[10]);
        Assert.Equal(1, calls[11]);

        // Two blocks later, block 10's reads are gone: each request at it reads on its own.
        await reads.AtBlockAsync(12, "grant:1", () => Read(12));
        await reads.AtBlockAsync(10, "grant:1", () => Read(10));
        await reads.AtBlockAsync(10, "grant:1", () => Read(10));
        Assert.Equal(3, calls[10]);
        await reads.AtBlockAsync(11, "grant:1", () => Read(11));
        Assert.Equal(1, calls[11]);
    }
}
