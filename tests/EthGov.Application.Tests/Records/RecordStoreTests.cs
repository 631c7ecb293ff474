using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using Microsoft.Data.Sqlite;

namespace EthGov.Application.Tests.Records;

public class RecordStoreTests
{
    private const string Subject = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private static RecordContent Content(string text, uint department = 1, string mediaType = "text/plain")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new RecordContent(new Digest(SHA256.HashData(bytes)), department, mediaType, bytes);
    }

    private static string Unique(string label) => $"{label} {Guid.NewGuid():N}";

    [Fact]
    public async Task PutAsync_ThenGetAsync_ReturnsContentAndMetadata()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("certificate")) with { Kind = "birth-certificate", Subject = Subject, Person = "AB 123" };

        Assert.Equal(RecordPutOutcome.Stored, await fixture.Store.PutAsync(record));
        var stored = await fixture.Store.GetAsync(record.Digest);

        Assert.NotNull(stored);
        Assert.Equal(record.Content.ToArray(), stored.Content);
        Assert.Equal(record.Digest, stored.Digest);
        Assert.Equal(1u, stored.Department);
        Assert.Equal("birth-certificate", stored.Kind);
        Assert.Equal("text/plain", stored.MediaType);
        Assert.Equal(Subject.ToLowerInvariant(), stored.Subject);
        Assert.Equal(RecordOrigin.Issued, stored.Origin);
        Assert.Equal(fixture.Time.Now, stored.CreatedAt);
        Assert.Null(stored.ErasedAt);
        Assert.Null(stored.RetainUntil);
    }

    [Fact]
    public async Task PutAsync_ContentAndSubjectAndPerson_NeverReachTheFileInClear()
    {
        using var fixture = new RecordStoreFixture();
        var text = Unique("plaintext-marker");
        var person = "PERSON" + Guid.NewGuid().ToString("N");
        var record = Content(text) with { Kind = "licence", Subject = Subject, Person = person };

        Assert.Equal(RecordPutOutcome.Stored, await fixture.Store.PutAsync(record));

        var content = (byte[])fixture.Column("content").Single()!;
        var subject = (byte[])fixture.Column("subject").Single()!;
        Assert.Equal(NodeDataKey.NonceSize + record.Content.Length + NodeDataKey.TagSize, content.Length);
        Assert.False(Contains(content, Encoding.UTF8.GetBytes(text)));
        Assert.False(Contains(subject, Encoding.ASCII.GetBytes(Subject.ToLowerInvariant()[2..])));
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(fixture.Folder))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(text)), $"{Path.GetFileName(file)} holds the content in clear");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(person)), $"{Path.GetFileName(file)} holds the person identifier");
            Assert.False(Contains(bytes, Encoding.ASCII.GetBytes(Subject.ToLowerInvariant()[2..])), $"{Path.GetFileName(file)} holds the subject");
        }
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_SealsWithAFreshNonce()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("twice"));
        await fixture.Store.PutAsync(record);
        var first = (byte[])fixture.Column("content").Single()!;
        fixture.Execute("DELETE FROM records");

        await fixture.Store.PutAsync(record);

        var second = (byte[])fixture.Column("content").Single()!;
        Assert.NotEqual(first[..NodeDataKey.NonceSize], second[..NodeDataKey.NonceSize]);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task PutAsync_WrongDigest_IsRefusedAndNothingIsStored()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("claimed")) with { Digest = new Digest(SHA256.HashData("other"u8)) };

        Assert.Equal(RecordPutOutcome.DigestMismatch, await fixture.Store.PutAsync(record));
        Assert.Empty(fixture.Column("digest"));
    }

    [Fact]
    public async Task PutAsync_OverTheSizeLimit_IsRefused()
    {
        using var fixture = new RecordStoreFixture(new RecordsOptions { MaxRecordBytes = 100 });
        var atLimit = Content(new string('a', 100));
        var over = Content(new string('b', 101));

        Assert.Equal(RecordPutOutcome.Stored, await fixture.Store.PutAsync(atLimit));
        Assert.Equal(RecordPutOutcome.TooLarge, await fixture.Store.PutAsync(over));
        Assert.Null(await fixture.Store.GetAsync(over.Digest));
    }

    [Fact]
    public async Task PutAsync_SameRecordAgain_IsIdempotent()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("again"));

        Assert.Equal(RecordPutOutcome.Stored, await fixture.Store.PutAsync(record));
        Assert.Equal(RecordPutOutcome.AlreadyStored, await fixture.Store.PutAsync(record));
        Assert.Equal(RecordPutOutcome.OtherDepartment, await fixture.Store.PutAsync(record with { Department = 2 }));
        Assert.Single(fixture.Column("digest"));
    }

    [Theory]
    [InlineData("Not-A-Kind", null, null)]
    [InlineData(null, "0x1234", null)]
    [InlineData(null, null, "   ")]
    public async Task PutAsync_InvalidMetadata_IsRefused(string? kind, string? subject, string? person)
    {
        using var fixture = new RecordStoreFixture();

        var outcome = await fixture.Store.PutAsync(Content(Unique("meta")) with { Kind = kind, Subject = subject, Person = person });

        Assert.Equal(RecordPutOutcome.InvalidMetadata, outcome);
        Assert.Empty(fixture.Column("digest"));
    }

    [Fact]
    public async Task GetAsync_TamperedCiphertext_Throws()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("tamper"));
        await fixture.Store.PutAsync(record);
        var sealedBytes = (byte[])fixture.Column("content").Single()!;
        sealedBytes[NodeDataKey.NonceSize] ^= 1;
        fixture.Execute("UPDATE records SET content = @content", ("@content", sealedBytes));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => fixture.Store.GetAsync(record.Digest));
    }

    [Fact]
    public async Task GetAsync_CiphertextMovedToAnotherDigest_Throws()
    {
        using var fixture = new RecordStoreFixture();
        var first = Content(Unique("first"));
        var second = Content(Unique("second"));
        await fixture.Store.PutAsync(first);
        await fixture.Store.PutAsync(second);
        fixture.Execute("UPDATE records SET content = (SELECT content FROM records WHERE digest = @first) WHERE digest = @second",
            ("@first", first.Digest.ToArray()), ("@second", second.Digest.ToArray()));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => fixture.Store.GetAsync(second.Digest));
    }

    [Fact]
    public async Task EraseAsync_KeepsATombstoneWithoutContentSubjectOrPerson()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("erase")) with { Kind = "licence", Subject = Subject, Person = "X1", SubjectSalt = new byte[32] };
        await fixture.Store.PutAsync(record);
        fixture.Time.Now += TimeSpan.FromMinutes(5);

        var erasedAt = await fixture.Store.EraseAsync(record.Digest);

        Assert.Equal(fixture.Time.Now, erasedAt);
        var tombstone = await fixture.Store.GetAsync(record.Digest);
        Assert.NotNull(tombstone);
        Assert.True(tombstone.IsErased);
        Assert.Equal(fixture.Time.Now, tombstone.ErasedAt);
        Assert.Null(tombstone.Content);
        Assert.Null(tombstone.Subject);
        Assert.Null(tombstone.SubjectSalt);
        Assert.Equal("licence", tombstone.Kind);
        Assert.Equal([null], fixture.Column("content"));
        Assert.Equal([null], fixture.Column("person_key"));
        Assert.Equal([null], fixture.Column("subject"));
        Assert.Empty(await fixture.Store.FindByPersonAsync(RecordKind.Id("licence"), "X1"));
    }

    [Fact]
    public async Task EraseAsync_Twice_KeepsTheFirstTimeAndRefusesANewPut()
    {
        using var fixture = new RecordStoreFixture();
        var record = Content(Unique("erase twice"));
        await fixture.Store.PutAsync(record);
        var first = await fixture.Store.EraseAsync(record.Digest);
        fixture.Time.Now += TimeSpan.FromDays(1);

        Assert.Equal(first, await fixture.Store.EraseAsync(record.Digest));
        Assert.Equal(RecordPutOutcome.Erased, await fixture.Store.PutAsync(record));
        Assert.Null(await fixture.Store.EraseAsync(new Digest(SHA256.HashData("never kept"u8))));
    }

    [Fact]
    public async Task EraseExpiredAsync_ErasesOnlyContentPastItsRetention()
    {
        var options = new RecordsOptions { Retention = new() { ["short"] = 1, ["long"] = 30 } };
        using var fixture = new RecordStoreFixture(options);
        var shortLived = Content(Unique("short")) with { Kind = "short" };
        var longLived = Content(Unique("long")) with { Kind = "long" };
        var noKind = Content(Unique("no kind"));
        var received = Content(Unique("received")) with { Origin = RecordOrigin.Received, ExchangeId = "ex-1", RetainUntil = fixture.Time.Now.AddHours(1) };
        foreach (var record in new[] { shortLived, longLived, noKind, received })
        {
            Assert.Equal(RecordPutOutcome.Stored, await fixture.Store.PutAsync(record));
        }

        Assert.Equal(fixture.Time.Now.AddDays(1), (await fixture.Store.GetAsync(shortLived.Digest))!.RetainUntil);
        Assert.Equal(0, await fixture.Store.EraseExpiredAsync());
        fixture.Time.Now = fixture.Time.Now.AddHours(1);
        Assert.Equal(1, await fixture.Store.EraseExpiredAsync());
        Assert.True((await fixture.Store.GetAsync(received.Digest))!.IsErased);
        fixture.Time.Now = fixture.Time.Now.AddDays(2);
        Assert.Equal(1, await fixture.Store.EraseExpiredAsync());

        Assert.True((await fixture.Store.GetAsync(shortLived.Digest))!.IsErased);
        Assert.False((await fixture.Store.GetAsync(longLived.Digest))!.IsErased);
        Assert.False((await fixture.Store.GetAsync(noKind.Digest))!.IsErased);
        Assert.Equal("ex-1", (await fixture.Store.GetAsync(received.Digest))!.ExchangeId);
    }

    [Fact]
    public async Task FindByPersonAsync_FindsTheKindsRecordsOfThatPersonOnly()
    {
        using var fixture = new RecordStoreFixture();
        var mine = Content(Unique("mine")) with { Kind = "licence", Person = "ab 123 456 c" };
        var mineOtherKind = Content(Unique("other kind")) with { Kind = "passport", Person = "AB123456C" };
        var someoneElse = Content(Unique("else")) with { Kind = "licence", Person = "ZZ999" };
        var otherDepartment = Content(Unique("dept"), department: 2) with { Kind = "licence", Person = "AB123456C" };
        foreach (var record in new[] { mine, mineOtherKind, someoneElse, otherDepartment })
        {
            await fixture.Store.PutAsync(record);
        }

        var found = await fixture.Store.FindByPersonAsync(RecordKind.Id("licence"), " AB123456C", department: 1);

        Assert.Equal([mine.Digest], found.Select(r => r.Digest));
        Assert.Equal(mine.Content.ToArray(), found[0].Content);
        Assert.Equal(2, (await fixture.Store.FindByPersonAsync(RecordKind.Id("licence"), "ab123456c")).Count);
        Assert.DoesNotContain(fixture.Column("person_key"), key => key is byte[] bytes && Contains(bytes, "AB123456C"u8.ToArray()));
    }

    [Fact]
    public async Task FindByPersonAsync_AnotherDataKey_FindsNothing()
    {
        using var fixture = new RecordStoreFixture();
        await fixture.Store.PutAsync(Content(Unique("keyed")) with { Kind = "licence", Person = "AB1" });
        using var otherKey = NodeDataKey.Generate();
        using var other = new RecordStore(fixture.Database, otherKey, fixture.Options);

        Assert.Single(await fixture.Store.FindByPersonAsync(RecordKind.Id("licence"), "AB1"));
        Assert.Empty(await other.FindByPersonAsync(RecordKind.Id("licence"), "AB1"));
    }

    [Fact]
    public async Task ListAsync_PagesThroughOneDepartmentsRecords()
    {
        using var fixture = new RecordStoreFixture();
        var records = Enumerable.Range(0, 5).Select(i => Content(Unique($"page {i}"))).ToList();
        foreach (var record in records)
        {
            await fixture.Store.PutAsync(record);
        }

        await fixture.Store.PutAsync(Content(Unique("other department"), department: 2));

        var first = await fixture.Store.ListAsync(1, after: null, limit: 3);
        var second = await fixture.Store.ListAsync(1, first.Next, limit: 3);

        Assert.Equal(records.Take(3).Select(r => r.Digest), first.Records.Select(r => r.Digest));
        Assert.Equal(records.Skip(3).Select(r => r.Digest), second.Records.Select(r => r.Digest));
        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
        Assert.All(first.Records, r => Assert.Null(r.Content));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
