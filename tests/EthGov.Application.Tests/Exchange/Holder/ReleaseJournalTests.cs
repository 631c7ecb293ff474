using System.Numerics;
using System.Security.Cryptography;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Testing;

namespace EthGov.Application.Tests.Exchange.Holder;

public sealed class ReleaseJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ethgov-journal-").FullName;
    private readonly ReleaseJournal _journal;

    public ReleaseJournalTests()
    {
        var database = TestStore.Database(_directory);
        database.EnsureCreated();
        _journal = new ReleaseJournal(database);
    }

    [Fact]
    public async Task AppendAsync_NewEntry_IsJournaledAndFoundByEntryAndRequest()
    {
        var release = Release(grantId: 1);

        var appended = await _journal.AppendAsync(release, maxFetches: 10);

        Assert.Equal(JournalAppendOutcome.Appended, appended.Outcome);
        var found = await _journal.FindAsync(release.EntryHash);
        Assert.NotNull(found);
        Assert.Equal(release.Ciphertext, found.Ciphertext);
        Assert.Equal(release.Enc, found.Enc);
        Assert.Equal(release.LogRoot, found.LogRoot);
        Assert.Equal(release.GrantId, found.GrantId);
        Assert.False(found.IsAcknowledged);
        Assert.Equal(release.EntryHash, (await _journal.FindByRequestAsync(release.Grantee, release.RequestId))?.EntryHash);
        Assert.Null(await _journal.FindByRequestAsync(release.Grantee + 1, release.RequestId));
    }

    [Fact]
    public async Task AppendAsync_SameEntryAgain_GivesTheFirstReleaseAndKeepsOneRow()
    {
        var first = Release(grantId: 2);
        await _journal.AppendAsync(first, maxFetches: 10);
        var resealed = first with { Enc = RandomNumberGenerator.GetBytes(65), Ciphertext = RandomNumberGenerator.GetBytes(40) };

        var again = await _journal.AppendAsync(resealed, maxFetches: 10);

        Assert.Equal(JournalAppendOutcome.AlreadyJournaled, again.Outcome);
        Assert.Equal(first.Ciphertext, again.Release!.Ciphertext);
        Assert.Equal(1, await _journal.FetchCountAsync(2));
    }

    [Fact]
    public async Task AppendAsync_SameEntryConcurrently_JournalsOneRelease()
    {
        var release = Release(grantId: 3);

        var appends = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _journal.AppendAsync(release with { Ciphertext = RandomNumberGenerator.GetBytes(40) }, maxFetches: 10)));

        Assert.Single(appends, a => a.Outcome == JournalAppendOutcome.Appended);
        var journaled = appends.Single(a => a.Outcome == JournalAppendOutcome.Appended).Release!.Ciphertext;
        Assert.All(appends, a => Assert.Equal(journaled, a.Release!.Ciphertext));
        Assert.Equal(1, await _journal.FetchCountAsync(3));
    }

    [Fact]
    public async Task AppendAsync_PastMaxFetches_IsRefusedEvenConcurrently()
    {
        var appends = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _journal.AppendAsync(Release(grantId: 4), maxFetches: 3)));

        Assert.Equal(3, appends.Count(a => a.Outcome == JournalAppendOutcome.Appended));
        Assert.Equal(3, appends.Count(a => a.Outcome == JournalAppendOutcome.FetchLimitReached));
        Assert.Equal(3, await _journal.FetchCountAsync(4));
    }

    [Fact]
    public async Task AppendAsync_RequestIdReusedForAnotherEntry_IsRefused()
    {
        var first = Release(grantId: 5);
        await _journal.AppendAsync(first, maxFetches: 10);

        var other = await _journal.AppendAsync(Release(grantId: 5) with { RequestId = first.RequestId }, maxFetches: 10);

        Assert.Equal(JournalAppendOutcome.RequestIdTaken, other.Outcome);
    }

    [Fact]
    public async Task AcknowledgeAsync_MarksTheReleaseOnceAndOnlyTheGranteesOfThatHolder()
    {
        var release = Release(grantId: 6);
        await _journal.AppendAsync(release, maxFetches: 10);
        ReleaseReceipt[] receipt = [new(release.RequestId, release.ContentDigest)];

        var otherGrantee = await _journal.AcknowledgeAsync(release.Grantee + 1, release.Holder, receipt);
        var otherHolder = await _journal.AcknowledgeAsync(release.Grantee, release.Holder + 1, receipt);
        var otherContent = await _journal.AcknowledgeAsync(release.Grantee, release.Holder, [new(release.RequestId, new Digest(RandomNumberGenerator.GetBytes(32)))]);
        Assert.False((await _journal.FindAsync(release.EntryHash))!.IsAcknowledged);
        var acknowledged = await _journal.AcknowledgeAsync(release.Grantee, release.Holder, receipt);
        var again = await _journal.AcknowledgeAsync(release.Grantee, release.Holder, receipt);

        Assert.Equal(ReceiptAnswer.NotFound, Assert.Single(otherGrantee).Outcome);
        Assert.Equal(ReceiptAnswer.NotFound, Assert.Single(otherHolder).Outcome);
        Assert.Equal(ReceiptAnswer.ContentMismatch, Assert.Single(otherContent).Outcome);
        Assert.True(Assert.Single(acknowledged).IsAcknowledged);
        Assert.Equal(acknowledged[0].AcknowledgedAt, Assert.Single(again).AcknowledgedAt);
        Assert.Equal(acknowledged[0].AcknowledgedAt, (await _journal.FindAsync(release.EntryHash))!.AcknowledgedAt);
    }

    [Fact]
    public async Task ForRecordAsync_ListsTheRecordsReleasesOldestFirst()
    {
        var record = RandomDigest();
        var first = Release(grantId: 7) with { RecordId = record };
        var second = Release(grantId: 8) with { RecordId = record };
        await _journal.AppendAsync(first, maxFetches: 10);
        await _journal.AppendAsync(Release(grantId: 7), maxFetches: 10);
        await _journal.AppendAsync(second, maxFetches: 10);

        var releases = await _journal.ForRecordAsync(record);

        Assert.Equal([first.EntryHash, second.EntryHash], releases.Select(r => r.EntryHash));
    }

    public void Dispose()
    {
        _journal.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static JournaledRelease Release(BigInteger grantId) => new(
        RandomDigest(), RandomDigest(), grantId, RandomDigest(), 1, 2, null, RandomDigest(), 42, RandomDigest(), "application/pdf",
        RandomNumberGenerator.GetBytes(65), RandomNumberGenerator.GetBytes(48), DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000), null);

    private static Digest RandomDigest() => new(RandomNumberGenerator.GetBytes(32));
}
