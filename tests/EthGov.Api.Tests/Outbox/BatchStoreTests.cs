using EthGov.Api.Outbox;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Storage;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;

namespace EthGov.Api.Tests.Outbox;

/// <summary>The batches' rows and their mirror in memory (SQLite: the store this class writes is the same on both).</summary>
public sealed class BatchStoreTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ethgov-batches-").FullName;
    private readonly Database _database;

    public BatchStoreTests()
    {
        _database = new Database(_data);
        _database.EnsureCreated();
    }

    [Fact]
    public void AddConfirmed_IsStoredAndHeldConfirmed_NotPending()
    {
        var store = new BatchStore(_database);
        var digest = Digest.Parse(TestDigests.New());
        var time = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var batch = store.AddConfirmed(1, 0, digest, new TransactionOutcome("0xab", 42, "0xcd", time, 50_000), DateTimeOffset.UtcNow);

        Assert.Equal(BatchState.Confirmed, batch.State);
        Assert.Empty(store.Unsettled());
        Assert.Same(batch, store.Get(batch.Id));
        Assert.Equal(["1 1 0xab 42 0xcd 1800000000"], DatabaseRows.Read(_data, $"SELECT state, attempts, tx_hash, block_number, block_hash, block_time FROM batches WHERE id = {batch.Id}"));
    }

    [Fact]
    public void Add_StoresAndHoldsTheBatchesPending()
    {
        var store = new BatchStore(_database);
        var members = new[] { Digest.Parse(TestDigests.New()), Digest.Parse(TestDigests.New()) };

        var added = Assert.Single(store.Add([(1, 0, members[0], members)], DateTimeOffset.UtcNow));

        Assert.Equal(BatchState.Pending, Assert.Single(store.Unsettled()).State);
        Assert.Equal([$"0 0 {added.Id}"], DatabaseRows.Read(_data, "SELECT state, attempts, id FROM batches"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
