using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Chain.Registry;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Core.Verification;

namespace EthGov.Application.Audit;

/// <summary>
/// Checks an evidence file (<see cref="ExchangeEvidence"/>) against a chain, trusting neither node: the entry's hash is
/// recomputed; its proof is checked against the root; the root must be logged on chain by the grantee department in the
/// stated block and transaction; the grant, read as it stood at that block, must name both departments and cover the
/// record; the request must be signed by the grantee's node key and the response by the holder's, each as published on
/// chain at the log's block; the content digest must be the record id; and every released record must be anchored by the
/// holder. Each check answers pass or fail with one line; none stops the others.
/// </summary>
public sealed class EvidenceVerifier(AuditReads chain, AnchorLookup anchors)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Checks <paramref name="evidence"/>.</summary>
    public async Task<EvidenceVerification> VerifyAsync(ExchangeEvidence evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var entry = evidence.Entry;
        var checks = new List<AuditCheck>();
        var hash = entry.Hash();
        checks.Add(hash == evidence.EntryHash
            ? AuditCheck.Pass("entry-hash", $"the access entry hashes to {hash}, as stated")
            : AuditCheck.Fail("entry-hash", $"the access entry hashes to {hash}, the file states {evidence.EntryHash}"));
        checks.Add(MerkleTree.Verify(evidence.Log.Root, hash, [.. evidence.Log.Proof])
            ? AuditCheck.Pass("log-inclusion", $"the entry's proof ({evidence.Log.Proof.Count} step(s)) leads to root {evidence.Log.Root}")
            : AuditCheck.Fail("log-inclusion", $"the entry's proof does not lead to root {evidence.Log.Root}"));
        checks.Add(RequestBody(evidence));
        checks.Add(ContentDigest(evidence));

        var chainId = await chain.ChainIdAsync();
        if (!chainId.IsSuccess || chainId.Value != entry.ChainId)
        {
            checks.Add(AuditCheck.Fail("chain", chainId.IsSuccess
                ? $"the endpoint is chain {chainId.Value}, the evidence is of chain {entry.ChainId}: nothing on chain was checked"
                : $"the chain could not be read: {chainId.Error.Message}"));
            return new EvidenceVerification(checks);
        }

        checks.Add(await LogOnChainAsync(evidence));
        checks.Add(await LogTransactionAsync(evidence));
        checks.Add(await GrantAsync(evidence));
        var (granteeKey, granteeWhere) = await NodeKeyAsync(entry.Grantee, evidence.Log.BlockNumber);
        var (holderKey, holderWhere) = await NodeKeyAsync(entry.Holder, evidence.Log.BlockNumber);
        using (granteeKey)
        using (holderKey)
        {
            checks.Add(RequestSignature(evidence, granteeKey, granteeWhere));
            checks.Add(ResponseSignature(evidence, holderKey, holderWhere));
        }

        checks.Add(await AnchoredAsync(evidence, cancellationToken));
        return new EvidenceVerification(checks);
    }

    // The signed body is the request the holder answered: it must name the same grant, record, request and query as the
    // entry, and the same root and proof as the log.
    // Once erased, only the body's digest is left: what it named can no longer be compared, and the signature check
    // below still binds that digest to the grantee's signature.
    private static AuditCheck RequestBody(ExchangeEvidence evidence)
    {
        if (evidence.Request.Body is not { } body)
        {
            var erasure = evidence.Erasure is { } e ? string.Create(CultureInfo.InvariantCulture, $" on {e.At:u} ({e.Cause})") : "";
            return AuditCheck.Pass("request-body",
                $"the request body was erased{erasure}, its digest {evidence.Request.BodyDigest} kept: the grant, record, request and proof it named can no longer be compared with the entry");
        }

        ReleaseRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ReleaseRequest>(body, s_json);
        }
        catch (JsonException ex)
        {
            return AuditCheck.Fail("request-body", $"the request body is not a release request: {ex.Message}");
        }

        var entry = evidence.Entry;
        string? differs = request is null ? "it is empty"
            : request.GrantId != entry.GrantId ? $"it names grant {request.GrantId}, the entry grant {entry.GrantId}"
            : request.RecordId != entry.RecordId ? $"it names record {request.RecordId}, the entry {entry.RecordId}"
            : request.RequestId != entry.RequestId ? $"it names request {request.RequestId}, the entry {entry.RequestId}"
            : (request.QueryDigest ?? Digest.Zero) != entry.QueryDigest ? "its query digest is not the entry's"
            : request.Log.Root != evidence.Log.Root ? $"it shows root {request.Log.Root}, the log {evidence.Log.Root}"
            : !request.Log.Proof.SequenceEqual(evidence.Log.Proof) ? "its proof is not the log's"
            : null;
        return differs is null
            ? AuditCheck.Pass("request-body", "the signed request names the entry's grant, record and request id, and the log's root and proof")
            : AuditCheck.Fail("request-body", $"the signed request does not match the entry: {differs}");
    }

    private static AuditCheck ContentDigest(ExchangeEvidence evidence)
    {
        if (evidence.IsKindQuery)
        {
            return evidence.Records.Count > 0
                ? AuditCheck.Pass("content-digest", $"a kind query answered with {evidence.Records.Count} record(s), digest {evidence.ContentDigest}; each record's anchor is checked below")
                : AuditCheck.Pass("content-digest", $"a kind query answered with no record (digest {evidence.ContentDigest})");
        }

        if (evidence.ContentDigest != evidence.Entry.RecordId)
        {
            return AuditCheck.Fail("content-digest", $"the content's digest {evidence.ContentDigest} is not the record id {evidence.Entry.RecordId}");
        }

        return evidence.Records.Count == 0 || (evidence.Records.Count == 1 && evidence.Records[0] == evidence.Entry.RecordId)
            ? AuditCheck.Pass("content-digest", $"the content's digest is the record id {evidence.Entry.RecordId}")
            : AuditCheck.Fail("content-digest", "the records listed are not the one record asked for");
    }

    private async Task<AuditCheck> LogOnChainAsync(ExchangeEvidence evidence)
    {
        var head = await chain.HeadAsync();
        if (!head.IsSuccess)
        {
            return AuditCheck.Fail("log-on-chain", $"the chain could not be read: {head.Error.Message}");
        }

        var read = await chain.AccessBatchesAsync([evidence.Log.Root], head.Value);
        if (!read.IsSuccess)
        {
            return AuditCheck.Fail("log-on-chain", $"the chain could not be read: {read.Error.Message}");
        }

        var entry = evidence.Entry;
        return read.Value[evidence.Log.Root] switch
        {
            null => AuditCheck.Fail("log-on-chain", $"root {evidence.Log.Root} was never logged on chain"),
            { Department: var d } when d != entry.Grantee => AuditCheck.Fail("log-on-chain", $"root {evidence.Log.Root} was logged by department {d}, not the grantee {entry.Grantee}"),
            { BlockNumber: var b } when b != evidence.Log.BlockNumber => AuditCheck.Fail("log-on-chain", $"root {evidence.Log.Root} was logged in block {b}, the file states {evidence.Log.BlockNumber}"),
            { BlockNumber: var b } when b >= head.Value => AuditCheck.Fail("log-on-chain", $"root {evidence.Log.Root} is in block {b}, not confirmed at head {head.Value}"),
            var batch => AuditCheck.Pass("log-on-chain", $"root logged by department {batch.Department} in block {batch.BlockNumber} ({batch.Entries} entries), confirmed at head {head.Value}"),
        };
    }

    private async Task<AuditCheck> LogTransactionAsync(ExchangeEvidence evidence)
    {
        if (evidence.Log.TransactionHash is not { Length: > 0 } hash)
        {
            return AuditCheck.Fail("log-transaction", "the file names no transaction for the log");
        }

        var read = await chain.TransactionAsync(hash);
        if (!read.IsSuccess)
        {
            return AuditCheck.Fail("log-transaction", $"the chain could not be read: {read.Error.Message}");
        }

        var tx = read.Value;
        return !tx.Found ? AuditCheck.Fail("log-transaction", $"transaction {hash} is not on chain")
            : !tx.Succeeded ? AuditCheck.Fail("log-transaction", $"transaction {hash} failed")
            : tx.BlockNumber != evidence.Log.BlockNumber ? AuditCheck.Fail("log-transaction", $"transaction {hash} is in block {tx.BlockNumber}, the file states {evidence.Log.BlockNumber}")
            : !tx.Batches.Contains((evidence.Log.Root, evidence.Entry.Grantee)) ? AuditCheck.Fail("log-transaction", $"transaction {hash} did not log root {evidence.Log.Root} for department {evidence.Entry.Grantee}")
            : AuditCheck.Pass("log-transaction", $"transaction {hash} succeeded in block {tx.BlockNumber} and logged the root for department {evidence.Entry.Grantee}");
    }

    private async Task<AuditCheck> GrantAsync(ExchangeEvidence evidence)
    {
        var entry = evidence.Entry;
        var block = evidence.Log.BlockNumber;
        var read = await chain.GrantAtAsync(entry.GrantId, block);
        if (!read.IsSuccess)
        {
            return AuditCheck.Fail("grant", read.Error.Name == "GrantNotFound"
                ? $"grant {entry.GrantId} did not exist at block {block}"
                : $"grant {entry.GrantId} could not be read at block {block}: {read.Error.Message}");
        }

        var grant = read.Value;
        string? wrong = grant.GranteeDepartment != entry.Grantee ? $"it names grantee {grant.GranteeDepartment}, not {entry.Grantee}"
            : !grant.Valid ? (grant.Revoked ? "it was revoked" : "it was not valid (expired or its grantor suspended)")
            : grant.Basis != GrantBasis.PasskeyConsent && grant.GrantorDepartment != entry.Holder ? $"its grantor is department {grant.GrantorDepartment}, not the holder {entry.Holder}"
            : grant.Basis != GrantBasis.KindLegalBasis && grant.RecordId != entry.RecordId ? $"it covers record {grant.RecordId}, not {entry.RecordId}"
            : grant.Basis == GrantBasis.KindLegalBasis && grant.RecordId != entry.RecordId && evidence.IsKindQuery ? $"it covers kind {grant.RecordId}, the query asked for {entry.RecordId}"
            : null;
        if (wrong is not null)
        {
            return AuditCheck.Fail("grant", $"grant {entry.GrantId} at block {block}: {wrong}");
        }

        var covers = grant.Basis == GrantBasis.KindLegalBasis && grant.RecordId != entry.RecordId
            ? $"every record of kind {grant.RecordId} (the record's kind is the holder's to check)"
            : $"{(grant.Basis == GrantBasis.KindLegalBasis ? "kind" : "record")} {grant.RecordId}";
        return AuditCheck.Pass("grant", string.Create(CultureInfo.InvariantCulture,
            $"grant {entry.GrantId} ({Basis(grant.Basis)}) was valid at block {block}, names grantee {grant.GranteeDepartment} and covers {covers}"));
    }

    private static string Basis(GrantBasis basis) => basis switch
    {
        GrantBasis.PasskeyConsent => "passkey consent",
        GrantBasis.KindLegalBasis => "kind, legal basis",
        _ => "legal basis",
    };

    // The key a department published at the log's block; a node that keeps no history answers the current key instead,
    // and the reason says so.
    private async Task<(ECDsa? Key, string Where)> NodeKeyAsync(uint department, ulong block)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"published by department {department} at block {block}");
        var read = await chain.NodeAtAsync(department, block);
        if (!read.IsSuccess)
        {
            read = await chain.NodeAtAsync(department, null);
            where = string.Create(CultureInfo.InvariantCulture, $"published by department {department} now (the endpoint keeps no state of block {block})");
            if (!read.IsSuccess)
            {
                return (null, $"department {department}'s node key could not be read: {read.Error.Message}");
            }
        }

        if (read.Value is not { } node)
        {
            return (null, $"department {department} published no node key ({where})");
        }

        return EcdsaP256Sha256.TryImportPublicKey(node.SigningKey) is { } key
            ? (key, where)
            : (null, $"department {department}'s published node key is not a P-256 point");
    }

    private static AuditCheck RequestSignature(ExchangeEvidence evidence, ECDsa? key, string where)
    {
        const string Name = "request-signature";
        if (key is null)
        {
            return AuditCheck.Fail(Name, where);
        }

        var request = evidence.Request;
        HttpMessageParts message;
        try
        {
            message = HttpMessageParts.ForRequest(request.Method, "http", request.Authority, request.Path, null);
            foreach (var name in (string[])["content-type", "content-digest", "signature-input", "signature"])
            {
                if (request.Headers.TryGetValue(name, out var value))
                {
                    message.AddField(name, value);
                }
            }
        }
        catch (ArgumentException ex)
        {
            return AuditCheck.Fail(Name, $"the request as stated is not a message: {ex.Message}");
        }

        var entry = evidence.Entry;
        return SignedOverBodyDigest(
            Name, message, NodeSignatureProfile.RequestPolicy(entry.ChainId, entry.Registry), entry.Grantee, key, where, request.BodyDigest,
            request.Body is null ? "the erased body's stated digest" : "the body's digest");
    }

    private static AuditCheck ResponseSignature(ExchangeEvidence evidence, ECDsa? key, string where)
    {
        const string Name = "response-signature";
        if (key is null)
        {
            return AuditCheck.Fail(Name, where);
        }

        var response = evidence.Response;
        if (response.Status != 200)
        {
            return AuditCheck.Fail(Name, $"the response's status is {response.Status}, not 200");
        }

        var message = HttpMessageParts.ForResponse(response.Status);
        foreach (var name in (string[])["content-digest", "signature-input", "signature"])
        {
            if (response.Headers.TryGetValue(name, out var value))
            {
                message.AddField(name, value);
            }
        }

        // The body holds the sealed content and is not kept: its digest is what the file states.
        var entry = evidence.Entry;
        return SignedOverBodyDigest(
            Name, message, NodeSignatureProfile.ResponsePolicy(entry.ChainId, entry.Registry), entry.Holder, key, where, response.BodyDigest, "the body's stated digest");
    }

    // A message signed by the department's node key (checked as of the signature's own creation, since the evidence is
    // read later) whose signed Content-Digest is exactly the SHA-256 the file holds for its body: computed from a body
    // kept, or stated for one not kept. The signature covers the Content-Digest, so this binds that digest to the node.
    private static AuditCheck SignedOverBodyDigest(
        string name, HttpMessageParts message, HttpSignaturePolicy policy, uint department, ECDsa key, string where, Digest bodyDigest, string which)
    {
        if (!HttpSignatureVerifier.TryReadParameters(message, NodeSignatureProfile.Label, HttpSignatureLimits.Default, out var parameters, out var unreadable))
        {
            return AuditCheck.Fail(name, $"{ExchangeRefusal.InvalidSignature}: {unreadable.Detail}");
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(parameters.Created ?? 0);
        var keyId = NodeSignatureProfile.KeyId(department);
        var verified = HttpSignatureVerifier.Verify(message, NodeSignatureProfile.Label, policy, id => id == keyId ? key : null, at);
        if (!verified.IsValid)
        {
            return AuditCheck.Fail(name, verified.Outcome == HttpSignatureOutcome.UnknownKey
                ? $"{ExchangeRefusal.UnknownNodeKey}: the signature names \"{verified.Parameters?.KeyId}\", not \"{keyId}\" (key {where})"
                : $"{ExchangeRefusal.InvalidSignature}: {verified.Detail} (key {where})");
        }

        var expected = $"sha-256=:{Convert.ToBase64String(bodyDigest.ToArray())}:";
        return message.GetField(EthGov.Core.Crypto.HttpSignatures.ContentDigest.FieldName) == expected
            ? AuditCheck.Pass(name, $"signed at {at:u} with the node key {where}; its Content-Digest is {which} {bodyDigest}")
            : AuditCheck.Fail(name, $"{ExchangeRefusal.InvalidSignature}: the signed Content-Digest is not {which} {bodyDigest}");
    }

    private async Task<AuditCheck> AnchoredAsync(ExchangeEvidence evidence, CancellationToken cancellationToken)
    {
        const string Name = "record-anchored";
        var records = evidence.IsKindQuery ? evidence.Records : [evidence.Entry.RecordId];
        var holder = evidence.Entry.Holder;
        var statuses = new List<string>();
        foreach (var record in records)
        {
            var stated = evidence.Anchors.FirstOrDefault(a => a.Record == record && a.Root is not null);
            var proof = stated is null ? null : StatedProof.For(record, stated.Proof, ProofSource.Link, "the evidence file");
            if (stated is not null && proof!.Root != stated.Root)
            {
                return AuditCheck.Fail(Name, $"the stated anchor proof of record {record} does not lead to root {stated.Root}");
            }

            var report = await anchors(record, holder, proof, cancellationToken);
            if (!report.IsSuccess)
            {
                return AuditCheck.Fail(Name, $"record {record}'s anchor could not be read: {report.Error.Message}");
            }

            // Anchored is what the release rests on; a record revoked since is still the holder's, and the status says so.
            var verdict = report.Value.Verdict.Outcome;
            if (verdict == VerdictOutcome.Unknown || report.Value.Facts.DepartmentId != holder)
            {
                return AuditCheck.Fail(Name, $"record {record} is not anchored by department {holder}");
            }

            if (verdict != VerdictOutcome.Valid)
            {
                statuses.Add($"{record} is {verdict.ToString().ToLowerInvariant()} now");
            }
        }

        var now = statuses.Count == 0 ? "valid now" : string.Join("; ", statuses);
        var batched = records.Count(r => evidence.Anchors.Any(a => a.Record == r && a.Root is not null));
        now += batched > 0 ? $"; {batched} through the batch proof the file states" : "";
        return AuditCheck.Pass(Name, records.Count == 1
            ? $"record {records[0]} is anchored by department {holder} ({now})"
            : $"all {records.Count} records are anchored by department {holder} ({now})");
    }
}
