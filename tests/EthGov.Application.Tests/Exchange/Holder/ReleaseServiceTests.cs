using System.Text;
using System.Text.Json;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Tests.TestSupport;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Testing;

namespace EthGov.Application.Tests.Exchange.Holder;

/// <summary>The holder's checks and releases against a real Hardhat node: each test issues its own record and grant.</summary>
public sealed class ReleaseServiceTests(HolderChain chain) : IClassFixture<HolderChain>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Release_LegalBasisGrantAndConfirmedLog_ReleasesTheContentSealedToTheGrantee()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(HolderAnswerKind.Released, answer.Kind);
        var release = answer.Release!.ToRelease();
        Assert.Equal(record.Content, chain.Open(release, entry));
        Assert.Equal(record.Digest, release.ContentDigest);
        Assert.Equal(HolderChain.Civil, release.Holder);
        Assert.Equal(entry.Hash(), (await chain.Journal.FindByRequestAsync(HolderChain.Health, entry.RequestId))!.EntryHash);
    }

    [Fact]
    public async Task Release_RetriedBeforeReceipt_GivesTheSameJournaledRelease_AndAfterReceiptIsLogReused()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        using var answers = new Measurements("ethgov.exchanges.holder");

        var first = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);
        var retried = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);
        var receipt = JsonSerializer.SerializeToUtf8Bytes(new ReleaseReceipts(first.Holder!.Value, [new ReleaseReceipt(entry.RequestId, record.Digest)]), s_json);
        var acknowledged = await chain.Service.AcknowledgeAsync(chain.SignedBy(receipt, path: "/api/v1/node/releases/receipts"), receipt);
        var after = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(HolderAnswerKind.Released, retried.Kind);
        Assert.Equal(first.Release!.Ciphertext, retried.Release!.Ciphertext);
        Assert.Equal(first.Release.Enc, retried.Release.Enc);
        Assert.Equal(HolderAnswerKind.Acknowledged, acknowledged.Kind);
        Assert.True(Assert.Single(acknowledged.Receipts!.Answers).IsAcknowledged);
        Assert.Equal(ExchangeRefusal.LogReused, after.Refusal?.Reason);
        Assert.Equal(1, await chain.Journal.FetchCountAsync(entry.GrantId));
        Assert.Equal(
            ["request=release,result=released", "request=release,result=released", "request=receipts,result=acknowledged", "reason=log-reused,request=release,result=refused"],
            answers.Seen);
    }

    [Fact]
    public async Task Release_ReplayedMessage_IsReplayedRequest()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));
        var message = chain.SignedBy(body);

        await chain.Service.ReleaseAsync(message, body);
        var replayed = await chain.Service.ReleaseAsync(message, body);

        Assert.Equal(ExchangeRefusal.ReplayedRequest, replayed.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_LogMinedButNotConfirmed_IsLogNotConfirmedUntilTheNextBlock()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry], confirm: false));

        var early = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);
        await chain.Node.CallAsync("evm_mine");
        var later = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.LogNotConfirmed, early.Refusal?.Reason);
        Assert.True(early.Refusal!.IsRetryable);
        Assert.Equal(HolderAnswerKind.Released, later.Kind);
    }

    [Fact]
    public async Task Release_LogConfirmedAfterTheSharedHeadWasRead_IsReleasedAtAHeadReadNow()
    {
        // A head read shared for ten minutes: without a fresh read the second request would be judged at the first's block.
        var service = chain.ServiceOn(chain.Node.RpcUrl, maxReadAge: TimeSpan.FromMinutes(10));
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry], confirm: false));

        var early = await service.ReleaseAsync(chain.SignedBy(body), body);
        await chain.Node.CallAsync("evm_mine");
        var later = await service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.LogNotConfirmed, early.Refusal?.Reason);
        Assert.Equal(HolderAnswerKind.Released, later.Kind);
    }

    [Fact]
    public async Task Release_RecordGrantAndLogMadeAfterTheSharedHead_AreJudgedAtAFreshHead()
    {
        // A head read shared for ten minutes, taken by a first request: the second request's record, grant and log come
        // after it, so at that head they are not on chain yet (not-holder, no-grant, log-not-found are final answers).
        var service = chain.ServiceOn(chain.Node.RpcUrl, maxReadAge: TimeSpan.FromMinutes(10));
        var first = await chain.IssueAsync();
        var firstEntry = chain.Entry(await chain.GrantAsync(first.Digest), first.Digest);
        var firstBody = HolderChain.Body(firstEntry, await chain.LogAsync([firstEntry]));
        Assert.Equal(HolderAnswerKind.Released, (await service.ReleaseAsync(chain.SignedBy(firstBody), firstBody)).Kind);

        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));
        var answer = await service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.True(answer.Kind == HolderAnswerKind.Released, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_EntryNotInTheBatch_IsLogNotFound()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantAsync(record.Digest);
        var logged = chain.Entry(grant, record.Digest);
        var tree = await chain.LogAsync([logged]);
        var other = chain.Entry(grant, record.Digest);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ReleaseRequest(grant, record.Digest, other.RequestId, null, null, new LogInclusion(tree.Root, tree.GetProof(logged.Hash()))), s_json);

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.LogNotFound, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_BatchLoggedByAnotherDepartment_IsLogNotFound()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry], logger: chain.Transport3));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.LogNotFound, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_RootNeverLogged_IsLogNotFound()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ReleaseRequest(entry.GrantId, record.Digest, entry.RequestId, null, null, new LogInclusion(entry.Hash(), [])), s_json);

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.LogNotFound, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_NoSuchGrant_IsNoGrant()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(999_999, record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry], confirm: false));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.NoGrant, answer.Refusal?.Reason);
        Assert.Equal(404, answer.Refusal?.Status);
    }

    [Fact]
    public async Task Release_RevokedGrant_IsGrantRevoked()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantAsync(record.Digest);
        (await chain.Civil1.Grants.RevokeAsync(grant)).Unwrap();
        var entry = chain.Entry(grant, record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.GrantRevoked, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_GrantOfAnotherGrantee_IsNotGrantee()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest, grantee: HolderChain.Transport), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.NotGrantee, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_AnotherRecordThanTheGrants_IsRecordNotCovered()
    {
        var granted = await chain.IssueAsync();
        var asked = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(granted.Digest), asked.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.RecordNotCovered, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_RevokedRecord_IsRecordRevoked()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        (await chain.Civil1.Documents.RevokeAsync(record.Digest, 1)).Unwrap();
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.RecordRevoked, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_ErasedRecord_IsRecordErased()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        await chain.Records.EraseAsync(record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.RecordErased, answer.Refusal?.Reason);
        Assert.Equal(410, answer.Refusal?.Status);
    }

    [Fact]
    public async Task Release_RecordNotKeptHere_IsRecordNotHeld()
    {
        var digest = HolderChain.Random();
        (await chain.Civil1.Documents.AnchorAsync(digest)).Unwrap();
        var entry = chain.Entry(await chain.GrantAsync(digest), digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.RecordNotHeld, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_PastMaxFetches_IsFetchLimitReached()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantAsync(record.Digest, maxFetches: 1);
        var first = chain.Entry(grant, record.Digest);
        var second = chain.Entry(grant, record.Digest);
        var tree = await chain.LogAsync([first, second]);

        var one = await chain.Service.ReleaseAsync(chain.SignedBy(HolderChain.Body(first, tree)), HolderChain.Body(first, tree));
        var two = await chain.Service.ReleaseAsync(chain.SignedBy(HolderChain.Body(second, tree)), HolderChain.Body(second, tree));

        Assert.Equal(HolderAnswerKind.Released, one.Kind);
        Assert.Equal(ExchangeRefusal.FetchLimitReached, two.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_SignedWithAKeyTheDepartmentDoesNotPublish_IsInvalidSignature()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body, key: chain.TransportKeys), body);

        Assert.Equal(ExchangeRefusal.InvalidSignature, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_SignerDepartmentPublishesNoNode_IsUnknownNodeKey()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest, grantee: HolderChain.Transport), record.Digest, grantee: HolderChain.Transport);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry], logger: chain.Transport3));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body, HolderChain.Transport, chain.TransportKeys), body);

        Assert.Equal(ExchangeRefusal.UnknownNodeKey, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_ChainUnreachable_IsChainUnavailableAndReleasesNothing()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));
        var blind = chain.ServiceOn(new Uri($"http://127.0.0.1:{FreePort.Next()}"));

        var answer = await blind.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.ChainUnavailable, answer.Refusal?.Reason);
        Assert.Equal(503, answer.Refusal?.Status);
        Assert.Null(await chain.Journal.FindAsync(entry.Hash()));
    }

    [Fact]
    public async Task Release_KindQuery_AnswersThePersonsValidRecordsOfTheKindSealed()
    {
        var person = "P-" + Guid.NewGuid();
        var valid = await chain.IssueAsync(person);
        var revoked = await chain.IssueAsync(person);
        (await chain.Civil1.Documents.RevokeAsync(revoked.Digest, 1)).Unwrap();
        await chain.IssueAsync("someone-else");
        var grant = await chain.GrantKindAsync();
        var query = ReleaseContext.SealQuery(chain.HolderKeys.Encryption.PublicKey, grant, Encoding.UTF8.GetBytes(person));
        var kindId = EthGov.Core.Records.RecordKind.Id(HolderChain.Kind);
        var entry = chain.Entry(grant, kindId, queryDigest: query.Digest());
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]), query);

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(HolderAnswerKind.Released, answer.Kind);
        var plaintext = chain.Open(answer.Release!.ToRelease(), entry);
        var items = JsonSerializer.Deserialize<KindQueryItem[]>(plaintext, s_json)!;
        var item = Assert.Single(items);
        Assert.Equal(valid.Digest, item.Digest);
        Assert.Equal(valid.Content, Convert.FromBase64String(item.ContentBase64));
        Assert.Equal(new Digest(System.Security.Cryptography.SHA256.HashData(plaintext)), answer.Release.ContentDigest);
        Assert.Equal(query.Digest(), answer.Release.QueryDigest);
    }

    [Fact]
    public async Task Release_QueryUnderARecordGrant_IsRecordNotCovered()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantAsync(record.Digest);
        var query = ReleaseContext.SealQuery(chain.HolderKeys.Encryption.PublicKey, grant, "P-1"u8);
        var entry = chain.Entry(grant, record.Digest, queryDigest: query.Digest());
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]), query);

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.RecordNotCovered, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_KindGrantForOneRecordOfTheKind_ReleasesIt()
    {
        var record = await chain.IssueAsync();
        var grant = await chain.GrantKindAsync();
        var entry = chain.Entry(grant, record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(HolderAnswerKind.Released, answer.Kind);
        Assert.Equal(record.Content, chain.Open(answer.Release!.ToRelease(), entry));
    }
}
