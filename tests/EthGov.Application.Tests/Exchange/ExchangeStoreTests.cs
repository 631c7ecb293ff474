using System.Numerics;
using System.Security.Cryptography;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Records;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Application.Tests.TestSupport;
using EthGov.Core.Merkle;
using EthGov.Testing;

namespace EthGov.Application.Tests.Exchange;

/// <summary>The grantee's exchange store: durable on every step, forward moves only, batches stored before they are sent.</summary>
public sealed class ExchangeStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethgov-exchanges-").FullName;
    private readonly Database _database;
    private readonly ExchangeStore _store;

    public ExchangeStoreTests()
    {
        _database = TestStore.Database(_folder);
        _database.EnsureCreated();
        _store = new ExchangeStore(_database);
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Create_ThenReadFromAnotherStore_IsRequested_WithItsRequestIdAndQuery()
    {
        var created = _store.Create(NewExchange() with { SealedQuery = [1, 2, 3], QueryDigest = Random() });

        using var reopened = new ExchangeStore(_database);
        var read = reopened.Get(created.Id);

        Assert.NotNull(read);
        Assert.Equal(ExchangeState.Requested, read.State);
        Assert.Equal(created.RequestId, read.RequestId);
        Assert.Equal(created.EntryHash, read.EntryHash);
        Assert.Equal(created.GrantId, read.GrantId);
        Assert.Equal(new byte[] { 1, 2, 3 }, read.SealedQuery);
        Assert.Equal(created.QueryDigest, read.QueryDigest);
        Assert.True(read.IsKindQuery);
        Assert.Equal(created.Id, reopened.GetByRequest(created.RequestId)?.Id);
    }

    [Fact]
    public void OfDepartment_ListsItsOwnExchangesNewestFirst_APageAfterAnother()
    {
        var ours = Enumerable.Range(0, 5).Select(_ => _store.Create(NewExchange())).ToList();
        var theirs = _store.Create(NewExchange() with { Department = 8 });

        var first = _store.OfDepartment(7, null, 3);
        var rest = _store.OfDepartment(7, first[^1].Id, 3);

        Assert.Equal(ours.Select(e => e.Id).Reverse().Take(3), first.Select(e => e.Id));
        Assert.Equal(ours.Select(e => e.Id).Reverse().Skip(3), rest.Select(e => e.Id));
        Assert.Equal([theirs.Id], _store.OfDepartment(8, null, 10).Select(e => e.Id));
    }

    [Fact]
    public void Create_TheSameRequestIdTwice_IsRefusedByTheDatabase()
    {
        var first = _store.Create(NewExchange());

        Assert.ThrowsAny<System.Data.Common.DbException>(() => _store.Create(NewExchange() with { RequestId = first.RequestId }));
    }

    [Fact]
    public async Task AsyncSteps_SharingCommits_MoveEachExchangeOnce_AndAreReadBack()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _store.CreateAsync(NewExchange())));
        Assert.Equal(50, created.Select(c => c.Id).Distinct().Count());
        var batch = AccessLogBatch.Form([.. created.Select(c => c.EntryHash)]);
        var stored = _store.AddBatch(created[0].Department, batch, [.. created.Select(c => c.Id)]);
        _store.ConfirmBatch(stored, "0x01", 7);

        var digest = Random();
        Assert.All(await Task.WhenAll(created.Select(c => _store.MarkReleasedAsync(c.Id, digest, "application/json"))), Assert.True);
        Assert.All(await Task.WhenAll(created.Select(c => _store.MarkReleasedAsync(c.Id, digest, "application/json"))), Assert.False);
        Assert.All(await Task.WhenAll(created.Select(c => _store.VerifyAsync(c, digest, "application/json", null, (_, _) => { }))), Assert.True);
        Assert.Equal(created.Length, await _store.MarkReceiptsSentAsync([.. created.Select(c => c.Id)]));
        Assert.Equal(0, await _store.MarkReceiptsSentAsync([.. created.Select(c => c.Id)]));

        using var reopened = new ExchangeStore(_database);
        Assert.All(created, c =>
        {
            var read = reopened.Get(c.Id)!;
            Assert.Equal(ExchangeState.Verified, read.State);
            Assert.NotNull(read.ReceiptSentAt);
        });
        Assert.Empty(reopened.ReceiptsDue(DateTimeOffset.UtcNow.AddMinutes(1), 10));
    }

    [Fact]
    public async Task Verify_FromLogged_ReleasesKeepsAndVerifiesInOneCommit_AndMovesNothingTwice()
    {
        using var key = NodeDataKey.Generate();
        using var records = new RecordStore(_database, key, new RecordsOptions());
        var exchange = _store.Create(NewExchange());
        _store.ConfirmBatch(_store.AddBatch(exchange.Department, AccessLogBatch.Form([exchange.EntryHash]), [exchange.Id]), "0x01", 7);
        var logged = _store.Get(exchange.Id)!;
        Assert.Equal(ExchangeState.Logged, logged.State);
        byte[] content = [.. "{\"licence\":\"B\"}"u8];
        var digest = new Digest(SHA256.HashData(content));
        var row = records.Seal(new RecordContent(digest, 7, "application/json", content, RecordOrigin.Received) { ExchangeId = "1" }).Row!;
        var retainUntil = DateTimeOffset.UtcNow.AddDays(30);

        Assert.True(await _store.VerifyAsync(logged, digest, "application/json", retainUntil, (c, t) => Assert.Equal(RecordPutOutcome.Stored, RecordStore.Insert(c, t, row))));
        Assert.False(await _store.VerifyAsync(logged, digest, "application/json", retainUntil, (c, t) => Assert.Equal(RecordPutOutcome.AlreadyStored, RecordStore.Insert(c, t, row))));

        var read = _store.Get(exchange.Id)!;
        Assert.Equal(ExchangeState.Verified, read.State);
        Assert.Equal(digest, read.ContentDigest);
        Assert.Equal("application/json", read.MediaType);
        Assert.Equal(retainUntil.ToUnixTimeMilliseconds(), read.RetainUntil?.ToUnixTimeMilliseconds());
        var kept = await records.GetAsync(digest);
        Assert.Equal(content, kept!.Content);
        Assert.Equal(RecordOrigin.Received, kept.Origin);
    }

    [SqliteOnlyFact("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL's planner chooses by table statistics")]
    public void WorkerQueues_DoNotReadVerifiedExchanges()
    {
        // Verified exchanges stay in the table for good; the worker's queries must not walk them.
        using var connection = _database.Connect();
        foreach (var (query, index) in new[]
        {
            ("SELECT id FROM exchanges WHERE state IN (1, 2) AND next_attempt_at <= 0 ORDER BY next_attempt_at, id LIMIT 10", "exchanges_steps_due"),
            ("SELECT id FROM exchanges WHERE state = 3 AND receipt_sent_at IS NULL AND next_attempt_at <= 0 ORDER BY id LIMIT 10", "exchanges_receipts_due"),
        })
        {
            using var plan = connection.CreateCommand();
            plan.CommandText = "EXPLAIN QUERY PLAN " + query;
            using var reader = plan.ExecuteReader();
            var steps = new List<string>();
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }

            Assert.Contains(steps, s => s.Contains(index, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ConfirmBatch_EveryMemberIsLogged_WithAProofOfItsOwnEntryInTheRoot()
    {
        var exchanges = Enumerable.Range(0, 5).Select(_ => _store.Create(NewExchange())).ToList();
        var waiting = _store.Unbatched(100);
        Assert.Equal(exchanges.Select(e => e.Id), waiting.Select(e => e.Id));

        var batch = AccessLogBatch.Form([.. waiting.Select(e => e.EntryHash)]);
        var stored = _store.AddBatch(7, batch, [.. waiting.Select(e => e.Id)]);
        Assert.Empty(_store.Unbatched(100));
        Assert.Equal(batch.Root, Assert.Single(_store.PendingBatches()).Root);

        var moved = _store.ConfirmBatch(stored, "0xabc", 42);

        Assert.Equal(5, moved);
        Assert.Empty(_store.PendingBatches());
        foreach (var exchange in exchanges)
        {
            var logged = _store.Get(exchange.Id)!;
            Assert.Equal(ExchangeState.Logged, logged.State);
            Assert.Equal(batch.Root, logged.LogRoot);
            Assert.Equal(42UL, logged.LogBlock);
            Assert.Equal("0xabc", logged.LogTransaction);
            Assert.True(MerkleTree.Verify(batch.Root, exchange.EntryHash, [.. logged.LogProof]));
        }

        Assert.Equal(5, _store.Due(DateTimeOffset.UtcNow.AddSeconds(1), 100).Count);
    }

    [Fact]
    public void ConfirmBatch_AfterARestart_FindsTheBatchStoredBeforeItWasSent()
    {
        var exchange = _store.Create(NewExchange());
        _store.AddBatch(7, AccessLogBatch.Form([exchange.EntryHash]), [exchange.Id]);

        using var restarted = new ExchangeStore(_database);
        var pending = Assert.Single(restarted.PendingBatches());
        restarted.ConfirmBatch(pending, null, 9);

        Assert.Equal(ExchangeState.Logged, restarted.Get(exchange.Id)!.State);
        Assert.Empty(restarted.Get(exchange.Id)!.LogProof);
    }

    [Fact]
    public void AddBatch_AnExchangeAlreadyInABatch_IsRefused_AndNothingIsStored()
    {
        var exchange = _store.Create(NewExchange());
        _store.AddBatch(7, AccessLogBatch.Form([exchange.EntryHash]), [exchange.Id]);

        Assert.Throws<InvalidOperationException>(() => _store.AddBatch(7, AccessLogBatch.Form([exchange.EntryHash]), [exchange.Id]));
        Assert.Single(_store.PendingBatches());
    }

    [Fact]
    public void Moves_FollowTheStateMachine_AndAFinalStateIsNeverLeft()
    {
        var exchange = LoggedExchange();
        var digest = Random();

        Assert.False(_store.MarkVerified(exchange.Id, null));
        Assert.True(_store.MarkReleased(exchange.Id, digest, "application/pdf"));
        Assert.False(_store.MarkReleased(exchange.Id, digest, "application/pdf"));
        Assert.True(_store.MarkVerified(exchange.Id, DateTimeOffset.UtcNow.AddDays(30)));

        Assert.False(_store.Refuse(exchange.Id, "tampered-content", "late"));
        var verified = _store.Get(exchange.Id)!;
        Assert.Equal(ExchangeState.Verified, verified.State);
        Assert.Equal(digest, verified.ContentDigest);
        Assert.Equal("application/pdf", verified.MediaType);
        Assert.Null(verified.Reason);
    }

    [Fact]
    public void Refuse_AReleasedExchange_KeepsTheReason_AndItIsNoLongerDue()
    {
        var exchange = LoggedExchange();
        _store.MarkReleased(exchange.Id, Random(), "application/pdf");

        Assert.True(_store.Refuse(exchange.Id, "tampered-content", "the content's SHA-256 is not the record id"));

        var refused = _store.Get(exchange.Id)!;
        Assert.Equal(ExchangeState.Refused, refused.State);
        Assert.Equal("tampered-content", refused.Reason);
        Assert.Empty(_store.Due(DateTimeOffset.UtcNow.AddDays(1), 10));
        Assert.False(_store.MarkVerified(exchange.Id, null));
    }

    [Fact]
    public void Postpone_KeepsTheState_AndTheExchangeIsDueOnlyAfterItsPause()
    {
        var exchange = LoggedExchange();
        var next = DateTimeOffset.UtcNow.AddSeconds(30);

        _store.Postpone(exchange.Id, 3, next, "the holder's node did not answer");

        var postponed = _store.Get(exchange.Id)!;
        Assert.Equal(ExchangeState.Logged, postponed.State);
        Assert.Equal(3, postponed.Attempts);
        Assert.Empty(_store.Due(DateTimeOffset.UtcNow, 10));
        Assert.Single(_store.Due(next.AddSeconds(1), 10));
        Assert.Equal(next.ToUnixTimeMilliseconds(), _store.NextDue()!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Due_GivenTheHead_LeavesOutAFreshLogNoBlockFollowsYet_ButNotARetryOrAnOldOne()
    {
        var exchange = LoggedExchange(); // logged in block 1
        var now = DateTimeOffset.UtcNow.AddSeconds(1);

        Assert.Empty(_store.Due(now, 10, head: 1, TimeSpan.FromSeconds(3)));
        Assert.Equal(exchange.Id, Assert.Single(_store.Due(now, 10, head: 2, TimeSpan.FromSeconds(3))).Id);
        Assert.Single(_store.Due(now.AddSeconds(5), 10, head: 1, TimeSpan.FromSeconds(3)));
        Assert.Single(_store.Due(now, 10));

        // A second attempt goes whatever the head: the holder has already said why it waits.
        _store.Postpone(exchange.Id, 1, DateTimeOffset.UtcNow, "log-not-confirmed");
        Assert.Single(_store.Due(now, 10, head: 1, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void GetMany_ReadsTheWholeRowsOfTheIdsGiven_ThoseThatExist()
    {
        var first = LoggedExchange();
        var second = _store.Create(NewExchange());

        var rows = _store.GetMany([second.Id, first.Id, 9_999]);

        Assert.Equal([first.Id, second.Id], rows.Select(e => e.Id));
        Assert.Equal(first.LogProof, rows[0].LogProof);
        Assert.Equal(ExchangeState.Requested, rows[1].State);
        Assert.Empty(_store.GetMany([]));
    }

    [Fact]
    public void FailBatch_RefusesItsExchanges_WithTheReason()
    {
        var exchange = _store.Create(NewExchange());
        var batch = _store.AddBatch(7, AccessLogBatch.Form([exchange.EntryHash]), [exchange.Id]);

        Assert.Equal(1, _store.FailBatch(batch.Id, "log-failed", "NotDepartmentSigner"));

        Assert.Equal(ExchangeState.Refused, _store.Get(exchange.Id)!.State);
        Assert.Equal("log-failed", _store.Get(exchange.Id)!.Reason);
        Assert.Empty(_store.PendingBatches());
    }

    [Fact]
    public void MarkContentServed_OnlyTheFirstCallerOfAVerifiedExchange()
    {
        var exchange = LoggedExchange();
        Assert.False(_store.MarkContentServed(exchange.Id));
        _store.MarkReleased(exchange.Id, Random(), "text/plain");
        _store.MarkVerified(exchange.Id, null);

        Assert.True(_store.MarkContentServed(exchange.Id));
        Assert.False(_store.MarkContentServed(exchange.Id));
    }

    [Fact]
    public void ReceiptsDue_VerifiedExchangesUntilTheReceiptIsSent()
    {
        var exchange = LoggedExchange();
        _store.MarkReleased(exchange.Id, Random(), "text/plain");
        Assert.Empty(_store.ReceiptsDue(DateTimeOffset.UtcNow.AddSeconds(1), 10));
        _store.MarkVerified(exchange.Id, null);

        Assert.Single(_store.ReceiptsDue(DateTimeOffset.UtcNow.AddSeconds(1), 10));
        Assert.True(_store.MarkReceiptSent(exchange.Id));
        Assert.Empty(_store.ReceiptsDue(DateTimeOffset.UtcNow.AddSeconds(1), 10));
        Assert.NotNull(_store.Get(exchange.Id)!.ReceiptSentAt);
    }

    [Fact]
    public void FinalMoves_AreCountedOnce_AndAReasonOutsideTheProtocolIsCountedAsOther()
    {
        using var counted = new Measurements("ethgov.exchanges.grantee");
        var verified = LoggedExchange();
        var refused = LoggedExchange();
        var failed = _store.Create(NewExchange());
        var batch = _store.AddBatch(7, AccessLogBatch.Form([failed.EntryHash]), [failed.Id]);

        _store.MarkReleased(verified.Id, Random(), "text/plain");
        _store.MarkVerified(verified.Id, null);
        _store.MarkVerified(verified.Id, null);
        _store.Refuse(refused.Id, "made-up-by-the-holder\nwith a line", "a holder's own words");
        _store.Refuse(refused.Id, "tampered-content", "already final");
        _store.FailBatch(batch.Id, "log-failed", "NotDepartmentSigner");

        Assert.Equal(["reason=log-failed,result=refused", "reason=other,result=refused", "result=verified"], counted.Seen.Order(StringComparer.Ordinal));
    }

    private ExchangeRecord LoggedExchange()
    {
        var exchange = _store.Create(NewExchange());
        var batch = _store.AddBatch(7, AccessLogBatch.Form([exchange.EntryHash]), [exchange.Id]);
        _store.ConfirmBatch(batch, "0x01", 1);
        return _store.Get(exchange.Id)!;
    }

    private static NewExchange NewExchange()
        => new(7, new BigInteger(3), Random(), 2, Random(), Random(), Store: true, RetentionDays: 30);

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
