using System.Text;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Tests.Exchange.Holder;
using EthGov.Core.Exchange;
using EthGov.Core.Records;

namespace EthGov.Application.Tests.Exchange.Erasure;

/// <summary>What the holder still releases once it erased a record, against a real Hardhat node.</summary>
public sealed class ErasedReleaseTests(HolderChain chain) : IClassFixture<HolderChain>
{
    [Fact]
    public async Task KindQueryReleasedBeforeTheErasure_RetriedBeforeItsReceipt_IsRecordErased_AndItsGranteeIsNoticed()
    {
        var person = "P-" + Guid.NewGuid();
        var record = await chain.IssueAsync(person);
        var grant = await chain.GrantKindAsync();
        var query = ReleaseContext.SealQuery(chain.HolderKeys.Encryption.PublicKey, grant, Encoding.UTF8.GetBytes(person));
        var entry = chain.Entry(grant, RecordKind.Id(HolderChain.Kind), queryDigest: query.Digest());
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]), query);
        var released = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);
        Assert.Equal(HolderAnswerKind.Released, released.Kind);
        var notices = new ErasureNoticeStore(chain.Database);

        await chain.Records.EraseAsync(record.Digest);
        await notices.EnqueueAsync(record.Digest);
        var retried = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        // The journal kept the sealed answer for a retry; it listed the erased record, so it is not sent again.
        Assert.Equal(ExchangeRefusal.RecordErased, retried.Refusal?.Reason);
        Assert.True((await chain.Journal.FindAsync(entry.Hash()))!.IsErased);
        var notice = Assert.Single(notices.ForRecord(record.Digest));
        Assert.Equal(HolderChain.Health, notice.Grantee);
        Assert.Equal(HolderChain.Civil, notice.Holder);
    }
}
