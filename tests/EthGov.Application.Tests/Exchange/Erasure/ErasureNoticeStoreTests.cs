using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Records;
using EthGov.Application.Tests.Records;
using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Application.Tests.Exchange.Erasure;

public sealed class ErasureNoticeStoreTests : IDisposable
{
    private const uint Holder = 1;
    private const string Kind = "birth-certificate";
    private readonly RecordStoreFixture _records = new();
    private readonly ReleaseJournal _journal;
    private readonly ErasureNoticeStore _notices;

    public ErasureNoticeStoreTests()
    {
        _journal = new ReleaseJournal(_records.Database);
        _notices = new ErasureNoticeStore(_records.Database, _records.Time);
    }

    [Fact]
    public async Task EnqueueAsync_ErasedRecord_OneNoticePerGranteeOfItsReleases_AndTheJournalsSealedCopiesDropped()
    {
        var record = await IssueAsync();
        var other = await IssueAsync();
        var before = _records.Time.Now.AddDays(-1);
        var direct2a = await ReleaseAsync(record, grantee: 2, before);
        var direct2b = await ReleaseAsync(record, grantee: 2, before);
        var direct3 = await ReleaseAsync(record, grantee: 3, before);
        var kindBefore = await ReleaseAsync(RecordKind.Id(Kind), grantee: 4, before, query: true);
        var kindAfter = await ReleaseAsync(RecordKind.Id(Kind), grantee: 5, _records.Time.Now.AddDays(1), query: true);
        var otherRecord = await ReleaseAsync(other, grantee: 6, before);

        Assert.Equal(0, await _notices.EnqueueAsync(record));
        await _records.Store.EraseAsync(record);
        var added = await _notices.EnqueueAsync(record);

        Assert.Equal(3, added);
        var notices = _notices.ForRecord(record);
        Assert.Equal([2u, 3u, 4u], notices.Select(n => n.Grantee).Order());
        Assert.All(notices, n =>
        {
            Assert.Equal(Holder, n.Holder);
            Assert.Equal(ErasureNoticeState.Pending, n.State);
            Assert.Equal(_records.Time.Now, n.ErasedAt);
        });
        Assert.True((await _journal.FindAsync(direct2a))!.IsErased);
        Assert.True((await _journal.FindAsync(direct2b))!.IsErased);
        Assert.True((await _journal.FindAsync(direct3))!.IsErased);
        Assert.True((await _journal.FindAsync(kindBefore))!.IsErased);
        Assert.False((await _journal.FindAsync(kindAfter))!.IsErased);
        Assert.False((await _journal.FindAsync(otherRecord))!.IsErased);
        Assert.Empty(_notices.ForRecord(other));
    }

    [Fact]
    public async Task EnqueueAsync_AllErased_WritesOnlyWhatIsMissing()
    {
        var record = await IssueAsync();
        await ReleaseAsync(record, grantee: 2, _records.Time.Now.AddDays(-1));
        await _records.Store.EraseAsync(record);

        // An erasure whose notices were never written (the sweeper's, or one cut short): the catch-up writes them, once.
        Assert.Equal(1, await _notices.EnqueueAsync(null));
        Assert.Equal(0, await _notices.EnqueueAsync(null));
        Assert.Equal(0, await _notices.EnqueueAsync(record));
        Assert.Single(_notices.ForRecord(record));
    }

    [Fact]
    public async Task Due_PendingUntilAnswered_PostponedUntilItsTime()
    {
        var record = await IssueAsync();
        await ReleaseAsync(record, grantee: 2, _records.Time.Now.AddDays(-1));
        await ReleaseAsync(record, grantee: 3, _records.Time.Now.AddDays(-1));
        await _records.Store.EraseAsync(record);
        await _notices.EnqueueAsync(record);
        var now = _records.Time.Now;
        var (first, second) = (_notices.Due(now, 10)[0], _notices.Due(now, 10)[1]);

        Assert.True(_notices.Answer(first.Id, ErasureNoticeState.Acknowledged, now));
        Assert.False(_notices.Answer(first.Id, ErasureNoticeState.NothingHeld, null));
        _notices.Postpone(second.Id, 1, now.AddSeconds(30), "the grantee's node: unreachable");

        Assert.Empty(_notices.Due(now, 10));
        var later = Assert.Single(_notices.Due(now.AddSeconds(30), 10));
        Assert.Equal(second.Id, later.Id);
        Assert.Equal(1, later.Attempts);
        Assert.Equal("the grantee's node: unreachable", later.Error);
        Assert.Equal(ErasureNoticeState.Acknowledged, _notices.Get(first.Id)!.State);
        Assert.Equal(now, _notices.Get(first.Id)!.GranteeErasedAt);
    }

    [Fact]
    public async Task EraseReceivedAsync_BeforeTheCopyArrives_LeavesATombstoneThatRefusesIt()
    {
        var bytes = Encoding.UTF8.GetBytes($"received {Guid.NewGuid():N}");
        var copy = new RecordContent(new Digest(SHA256.HashData(bytes)), 2, "text/plain", bytes, RecordOrigin.Received);

        var erasedAt = await _records.Store.EraseReceivedAsync(copy.Digest, 2, "7");
        var put = await _records.Store.PutAsync(copy with { ExchangeId = "7" });

        Assert.Equal(_records.Time.Now, erasedAt);
        Assert.Equal(RecordPutOutcome.Erased, put);
        var kept = await _records.Store.GetAsync(copy.Digest);
        Assert.NotNull(kept);
        Assert.True(kept.IsErased);
        Assert.Null(kept.Content);
    }

    [Fact]
    public async Task EraseReceivedAsync_IssuedRecordOrAnotherDepartmentsCopy_IsLeftAlone()
    {
        var issued = await IssueAsync();
        var bytes = Encoding.UTF8.GetBytes($"received {Guid.NewGuid():N}");
        var copy = new RecordContent(new Digest(SHA256.HashData(bytes)), 3, "text/plain", bytes, RecordOrigin.Received);
        await _records.Store.PutAsync(copy);

        Assert.Null(await _records.Store.EraseReceivedAsync(issued, 1, null));
        Assert.Null(await _records.Store.EraseReceivedAsync(copy.Digest, 2, null));

        Assert.False((await _records.Store.GetAsync(issued))!.IsErased);
        Assert.False((await _records.Store.GetAsync(copy.Digest))!.IsErased);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _records.Dispose();
    }

    private async Task<Digest> IssueAsync()
    {
        var bytes = Encoding.UTF8.GetBytes($"issued {Guid.NewGuid():N}");
        var content = new RecordContent(new Digest(SHA256.HashData(bytes)), Holder, "text/plain", bytes) { Kind = Kind };
        Assert.Equal(RecordPutOutcome.Stored, await _records.Store.PutAsync(content));
        return content.Digest;
    }

    private async Task<Digest> ReleaseAsync(Digest recordId, uint grantee, DateTimeOffset releasedAt, bool query = false)
    {
        var release = new JournaledRelease(
            Random(), Random(), new System.Numerics.BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true), recordId, Holder, grantee, query ? Random() : null, Random(), 42, Random(), "text/plain",
            RandomNumberGenerator.GetBytes(65), RandomNumberGenerator.GetBytes(48), releasedAt, null);
        Assert.Equal(JournalAppendOutcome.Appended, (await _journal.AppendAsync(release, maxFetches: 100)).Outcome);
        return release.EntryHash;
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
