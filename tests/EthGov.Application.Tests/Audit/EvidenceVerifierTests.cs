using System.Security.Cryptography;
using EthGov.Application.Audit;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Tests.Exchange.Holder;
using EthGov.Application.Verification;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Testing;

namespace EthGov.Application.Tests.Audit;

/// <summary>
/// Evidence files checked against a real Hardhat node: a genuine one (a real holder's release, real logs, real node
/// signatures) passes every check, and each kind of tampering fails the check that concerns it, with its reason.
/// </summary>
public sealed class EvidenceVerifierTests(HolderChain chain) : IClassFixture<HolderChain>
{
    private const ulong ChainId = 31337;

    [Fact]
    public async Task Verify_GenuineEvidence_PassesEveryCheck()
    {
        var evidence = await GenuineAsync();

        var verification = await VerifyAsync(evidence);

        Assert.True(verification.Passed, Failures(verification));
        Assert.Equal(
            ["entry-hash", "log-inclusion", "request-body", "content-digest", "log-on-chain", "log-transaction", "grant", "request-signature", "response-signature", "record-anchored"],
            verification.Checks.Select(c => c.Name));
        Assert.Contains($"block {evidence.Log.BlockNumber}", verification["grant"]!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AlteredEntry_FailsTheEntryHash_AndWithARestatedHash_FailsInclusion()
    {
        var genuine = await GenuineAsync();
        var altered = genuine.Entry with { RecordId = Random() };

        var stale = await VerifyAsync(genuine with { Entry = altered });
        var restated = await VerifyAsync(genuine with { Entry = altered, EntryHash = altered.Hash() });

        Assert.False(stale["entry-hash"]!.Passed);
        Assert.Contains($"file states {genuine.EntryHash}", stale["entry-hash"]!.Reason, StringComparison.Ordinal);
        Assert.True(restated["entry-hash"]!.Passed);
        Assert.False(restated["log-inclusion"]!.Passed);
        Assert.False(restated["request-body"]!.Passed);
        Assert.False(restated.Passed);
    }

    [Fact]
    public async Task Verify_AlteredProof_FailsInclusion()
    {
        var genuine = await GenuineAsync();

        var verification = await VerifyAsync(genuine with { Log = genuine.Log with { Proof = [Random()] } });

        Assert.False(verification["log-inclusion"]!.Passed);
        Assert.Contains("does not lead to root", verification["log-inclusion"]!.Reason, StringComparison.Ordinal);
        Assert.True(verification["entry-hash"]!.Passed);
    }

    [Fact]
    public async Task Verify_RequestSignedWithAKeyTheGranteeDoesNotPublish_FailsTheRequestSignature()
    {
        var genuine = await GenuineAsync();
        var forged = EvidenceBuilder.SignRequest(genuine.Request.Body!, HolderChain.Health, chain.TransportKeys, ChainId, chain.Deployment.Registry).Request;

        var verification = await VerifyAsync(genuine with { Request = forged });

        Assert.False(verification["request-signature"]!.Passed);
        Assert.StartsWith(ExchangeRefusal.InvalidSignature, verification["request-signature"]!.Reason, StringComparison.Ordinal);
        Assert.True(verification["response-signature"]!.Passed);
    }

    [Fact]
    public async Task Verify_ResponseSignedByAnotherNode_FailsTheResponseSignature()
    {
        var genuine = await GenuineAsync();
        var release = new Release(genuine.Entry.GrantId, genuine.Entry.RecordId, genuine.Entry.RequestId, HolderChain.Civil, genuine.ContentDigest,
            "application/json", [1], [2], genuine.Log.Root, genuine.Log.BlockNumber, DateTimeOffset.UtcNow);
        var forged = EvidenceBuilder.SignResponse(release, HolderChain.Civil, chain.TransportKeys, ChainId, chain.Deployment.Registry);

        var verification = await VerifyAsync(genuine with { Response = forged });

        Assert.False(verification["response-signature"]!.Passed);
        Assert.True(verification["request-signature"]!.Passed);
    }

    [Fact]
    public async Task Verify_RequestBodyAlteredUnderItsSignature_FailsTheContentDigestOfTheRequest()
    {
        var genuine = await GenuineAsync();
        var body = genuine.Request.Body!.ToArray();
        body[^2] ^= 1;

        var verification = await VerifyAsync(genuine with { Request = genuine.Request with { Body = body } });

        Assert.False(verification["request-signature"]!.Passed);
        Assert.Contains("Content-Digest", verification["request-signature"]!.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_ContentDigestChanged_FailsTheContentDigest()
    {
        var genuine = await GenuineAsync();
        var other = Random();

        var verification = await VerifyAsync(genuine with { ContentDigest = other, Records = [other] });

        Assert.False(verification["content-digest"]!.Passed);
        Assert.Contains($"{other} is not the record id", verification["content-digest"]!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_GrantOfAnotherGrantee_FailsTheGrant()
    {
        var record = await chain.IssueAsync();
        var grantId = await chain.GrantAsync(record.Digest, grantee: HolderChain.Transport);

        var verification = await VerifyAsync(await AnsweredByTheHolderKeyAsync(grantId, record.Digest));

        Assert.False(verification["grant"]!.Passed);
        Assert.Contains($"names grantee {HolderChain.Transport}, not {HolderChain.Health}", verification["grant"]!.Reason, StringComparison.Ordinal);
        Assert.True(verification["log-on-chain"]!.Passed);
    }

    [Fact]
    public async Task Verify_LogTransactionOfAnotherRoot_FailsTheLogTransaction()
    {
        var genuine = await GenuineAsync();
        var other = await GenuineAsync();

        var verification = await VerifyAsync(genuine with { Log = genuine.Log with { TransactionHash = other.Log.TransactionHash } });

        Assert.False(verification["log-transaction"]!.Passed);
    }

    [Fact]
    public async Task Verify_AStatedAnchorProofThatLeadsElsewhere_FailsTheRecordAnchor()
    {
        var genuine = await GenuineAsync();
        var record = genuine.Entry.RecordId;
        var path = new[] { Random() };
        var leadsElsewhere = Core.Verification.StatedProof.For(record, path, Core.Verification.ProofSource.Link, "test").Root;

        var mismatched = await VerifyAsync(genuine with { Anchors = [new EvidenceAnchor(record, Random(), path)] });
        var unknownBatch = await VerifyAsync(genuine with { Anchors = [new EvidenceAnchor(record, leadsElsewhere, path)] });

        Assert.False(mismatched["record-anchored"]!.Passed);
        Assert.Contains("does not lead to root", mismatched["record-anchored"]!.Reason, StringComparison.Ordinal);
        Assert.False(unknownBatch["record-anchored"]!.Passed);
        Assert.Contains($"is not anchored by department {HolderChain.Civil}", unknownBatch["record-anchored"]!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhatWriteWrote_IsTheSameEvidence_AndAMissingMemberIsNamed()
    {
        var entry = chain.Entry(7, Random());
        var evidence = new ExchangeEvidence(entry, entry.Hash(), new EvidenceLog(Random(), [Random(), Random()], "0x" + new string('a', 64), 12),
            new EvidenceRequest("POST", "holder.test:8080", "/api/v1/node/releases", new Dictionary<string, string> { ["signature"] = "s" }, [1, 2, 3]),
            new EvidenceResponse(200, new Dictionary<string, string> { ["content-digest"] = "d" }, Random()), entry.RecordId, [entry.RecordId])
        {
            Anchors = [new EvidenceAnchor(entry.RecordId, Random(), [Random()]), new EvidenceAnchor(Random(), null, [])],
        };

        var read = EvidenceJson.Read(EvidenceJson.Write(evidence));
        var text = System.Text.Encoding.UTF8.GetString(EvidenceJson.Write(evidence));

        Assert.Equal(evidence.Entry, read.Entry);
        Assert.Equal(evidence.Log.Proof, read.Log.Proof);
        Assert.Equal(evidence.Request.Body, read.Request.Body);
        Assert.Equal(evidence.Records, read.Records);
        Assert.Equal(evidence.Anchors.Select(a => (a.Record, a.Root, a.Proof.Count)), read.Anchors.Select(a => (a.Record, a.Root, a.Proof.Count)));
        Assert.Equal(evidence.Anchors[0].Proof, read.Anchors[0].Proof);
        Assert.Equal("s", read.Request.Headers["signature"]);
        var missing = Assert.Throws<InvalidDataException>(() => EvidenceJson.Read(System.Text.Encoding.UTF8.GetBytes(text.Replace("\"root\"", "\"rot\"", StringComparison.Ordinal))));
        Assert.Contains("log.root", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => EvidenceJson.Read("{\"entry\":"u8));
    }

    [Fact]
    public void Read_WhatWriteWroteOfAnErasedFile_IsTheSameEvidence_ItsBodyByDigestAndItsErasure()
    {
        var entry = chain.Entry(7, Random(), queryDigest: Random());
        var body = "{\"sealedQuery\":1}"u8.ToArray();
        var kept = new ExchangeEvidence(entry, entry.Hash(), new EvidenceLog(Random(), [Random()], "0x" + new string('b', 64), 12),
            new EvidenceRequest("POST", "holder.test:8080", "/api/v1/node/releases", new Dictionary<string, string> { ["signature"] = "s" }, body),
            new EvidenceResponse(200, new Dictionary<string, string> { ["content-digest"] = "d" }, Random()), Random(), [Random()]);
        var erasure = new ContentErasure(new DateTimeOffset(2026, 11, 30, 10, 0, 0, 500, TimeSpan.Zero), "holder");
        var erased = kept with { Request = kept.Request.WithoutBody(), Erasure = erasure };

        var text = System.Text.Encoding.UTF8.GetString(EvidenceJson.Write(erased));
        var read = EvidenceJson.Read(EvidenceJson.Write(erased));

        Assert.DoesNotContain("bodyBase64", text, StringComparison.Ordinal);
        Assert.Contains($"\"bodyDigest\": \"{new Digest(SHA256.HashData(body))}\"", text, StringComparison.Ordinal);
        Assert.Null(read.Request.Body);
        Assert.Equal(new Digest(SHA256.HashData(body)), read.Request.BodyDigest);
        Assert.Equal(kept.Request.BodyDigest, read.Request.BodyDigest);
        Assert.Equal(erasure, read.Erasure);
        Assert.Equal(kept.Request.Headers, read.Request.Headers);
        Assert.Null(EvidenceJson.Read(EvidenceJson.Write(kept)).Erasure);
    }

    [Fact]
    public void Read_ARequestWithBothOrNeitherBodyForm_IsRefusedNamingTheMembers()
    {
        var entry = chain.Entry(7, Random());
        var evidence = new ExchangeEvidence(entry, entry.Hash(), new EvidenceLog(Random(), [], "0x" + new string('c', 64), 12),
            new EvidenceRequest("POST", "holder.test:8080", "/api/v1/node/releases", new Dictionary<string, string>(), [1, 2, 3]),
            new EvidenceResponse(200, new Dictionary<string, string>(), Random()), entry.RecordId, [entry.RecordId]);
        var file = System.Text.Json.Nodes.JsonNode.Parse(EvidenceJson.Write(evidence))!;
        var request = file["request"]!.AsObject();

        request["bodyDigest"] = Random().ToString();
        var both = Assert.Throws<InvalidDataException>(() => EvidenceJson.Read(System.Text.Encoding.UTF8.GetBytes(file.ToJsonString())));
        request.Remove("bodyDigest");
        request.Remove("bodyBase64");
        var neither = Assert.Throws<InvalidDataException>(() => EvidenceJson.Read(System.Text.Encoding.UTF8.GetBytes(file.ToJsonString())));

        Assert.Contains("both bodyBase64 and bodyDigest", both.Message, StringComparison.Ordinal);
        Assert.Contains("request.bodyBase64", neither.Message, StringComparison.Ordinal);
        Assert.Contains("request.bodyDigest", neither.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_GenuineKindQueryErased_StillPassesTheSignatureChecks_AndFailsWithAnAlteredBodyDigest()
    {
        var genuine = await GenuineKindQueryAsync();
        var erasedAt = DateTimeOffset.UtcNow;
        var erased = EvidenceJson.Read(EvidenceJson.Write(genuine with { Request = genuine.Request.WithoutBody(), Erasure = new ContentErasure(erasedAt, "grant-terms") }));

        var before = await VerifyAsync(genuine);
        var after = await VerifyAsync(erased);
        var altered = await VerifyAsync(erased with { Request = erased.Request with { BodyDigest = Random() } });

        Assert.True(before.Passed, Failures(before));
        Assert.Null(erased.Request.Body);
        Assert.True(after.Passed, Failures(after));
        Assert.Contains("erased", after["request-body"]!.Reason, StringComparison.Ordinal);
        Assert.Contains("grant-terms", after["request-body"]!.Reason, StringComparison.Ordinal);
        Assert.Contains("can no longer be compared", after["request-body"]!.Reason, StringComparison.Ordinal);
        Assert.Contains(genuine.Request.BodyDigest.ToString(), after["request-signature"]!.Reason, StringComparison.Ordinal);
        Assert.True(after["response-signature"]!.Passed);
        Assert.False(altered["request-signature"]!.Passed);
        Assert.Contains("Content-Digest", altered["request-signature"]!.Reason, StringComparison.Ordinal);
        Assert.True(altered["response-signature"]!.Passed);
    }

    [Fact]
    public async Task Verify_RecordAnchoredInABatch_PassesThroughTheStatedProof_AndWithoutItIsNotFoundOnTheChainAlone()
    {
        var record = await chain.IssueAsync(anchor: false);
        var batch = MerkleTree.Build([record.Digest, Random()]);
        (await chain.Civil1.Documents.AnchorBatchAsync(batch.Root, batch.Count)).Unwrap();
        var grantId = (await chain.Civil1.Grants.GrantAsync(record.Digest, batch.Root, batch.GetProof(record.Digest), HolderChain.Health, 1,
            DateTimeOffset.UtcNow.AddDays(1), Random(), GrantTerms.Default)).Unwrap().GrantId;
        var evidence = await AnsweredByTheHolderKeyAsync(grantId, record.Digest) with
        {
            Anchors = [new EvidenceAnchor(record.Digest, batch.Root, batch.GetProof(record.Digest))],
        };

        var withProof = await VerifyAsync(evidence);
        var without = await VerifyAsync(evidence with { Anchors = [] });

        Assert.True(withProof.Passed, Failures(withProof));
        Assert.Contains("through the batch proof", withProof["record-anchored"]!.Reason, StringComparison.Ordinal);
        Assert.False(without["record-anchored"]!.Passed);
    }

    // An answer the holder's node key signs without the holder's service (which would refuse some of these cases),
    // to a request HEALTH logged and signed: the checks of the grant and the anchor are what is tested.
    private async Task<ExchangeEvidence> AnsweredByTheHolderKeyAsync(System.Numerics.BigInteger grantId, Digest recordId)
    {
        var entry = chain.Entry(grantId, recordId);
        var (tree, log) = await EvidenceBuilder.LogAsync(chain.Health2, entry);
        await chain.Node.CallAsync("evm_mine");
        var request = EvidenceBuilder.SignRequest(EvidenceBuilder.RequestBody(entry, tree), HolderChain.Health, chain.GranteeKeys, ChainId, chain.Deployment.Registry).Request;
        var release = new Release(grantId, recordId, entry.RequestId, HolderChain.Civil, recordId, "application/json", [1], [2], tree.Root, log.BlockNumber, DateTimeOffset.UtcNow);
        var response = EvidenceBuilder.SignResponse(release, HolderChain.Civil, chain.HolderKeys, ChainId, chain.Deployment.Registry);
        return EvidenceBuilder.Evidence(entry, tree, log, request, response, recordId);
    }

    // A real release by the holder's service, logged and signed as the grantee's node does it, as the file holds it.
    private async Task<ExchangeEvidence> GenuineAsync()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var (tree, log) = await EvidenceBuilder.LogAsync(chain.Health2, entry);
        await chain.Node.CallAsync("evm_mine");
        var body = EvidenceBuilder.RequestBody(entry, tree);
        var (message, request) = EvidenceBuilder.SignRequest(body, HolderChain.Health, chain.GranteeKeys, ChainId, chain.Deployment.Registry);
        var answer = await chain.Service.ReleaseAsync(message, body);
        Assert.True(answer.Kind == HolderAnswerKind.Released, answer.Refusal?.Detail);
        var response = EvidenceBuilder.SignResponse(answer.Release!.ToRelease(), HolderChain.Civil, chain.HolderKeys, ChainId, chain.Deployment.Registry);
        return EvidenceJson.Read(EvidenceJson.Write(EvidenceBuilder.Evidence(entry, tree, log, request, response, answer.Release.ContentDigest)));
    }

    // A kind query answered by the holder's service: the person's one record of the kind, the person sealed to the holder.
    private async Task<ExchangeEvidence> GenuineKindQueryAsync()
    {
        var person = "P-" + Guid.NewGuid();
        var record = await chain.IssueAsync(person);
        var grant = await chain.GrantKindAsync();
        var query = ReleaseContext.SealQuery(chain.HolderKeys.Encryption.PublicKey, grant, System.Text.Encoding.UTF8.GetBytes(person));
        var entry = chain.Entry(grant, EthGov.Core.Records.RecordKind.Id(HolderChain.Kind), queryDigest: query.Digest());
        var (tree, log) = await EvidenceBuilder.LogAsync(chain.Health2, entry);
        await chain.Node.CallAsync("evm_mine");
        var body = HolderChain.Body(entry, tree, query);
        var (message, request) = EvidenceBuilder.SignRequest(body, HolderChain.Health, chain.GranteeKeys, ChainId, chain.Deployment.Registry);
        var answer = await chain.Service.ReleaseAsync(message, body);
        Assert.True(answer.Kind == HolderAnswerKind.Released, answer.Refusal?.Detail);
        var response = EvidenceBuilder.SignResponse(answer.Release!.ToRelease(), HolderChain.Civil, chain.HolderKeys, ChainId, chain.Deployment.Registry);
        return EvidenceBuilder.Evidence(entry, tree, log, request, response, answer.Release.ContentDigest) with { Records = [record.Digest] };
    }

    private Task<EvidenceVerification> VerifyAsync(ExchangeEvidence evidence)
    {
        var reader = new RegistryClient(chain.Options, chain.Deployment.Registry);
        return new EvidenceVerifier(
            new AuditReads(reader.Context),
            (digest, department, proof, _) => ChainVerifier.VerifyAsync(reader.Documents, new VerificationQuery(digest) { DepartmentId = department, Proof = proof })).VerifyAsync(evidence);
    }

    private static string Failures(EvidenceVerification verification)
        => string.Join("; ", verification.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Reason}"));

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
