using EthGov.Application.Documents;
using EthGov.Application.Passkeys;
using EthGov.Application.Records;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Crypto;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Core.Records;
using EthGov.Core.Verification;
using StoredRecord = EthGov.Application.Records.StoredRecord;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// Every check a holder makes before it releases anything, in the protocol's order, each failure a named
/// <see cref="ExchangeRefusal"/>: the signature and the signer's key on chain now, the nonce, the grant (exists, not
/// revoked, not expired), the grantee (the signer's department, active), the holder (the grantor of a legal basis, the
/// issuer under consent), the coverage of the record, the consent's subject, the record (held, not erased, issued by the
/// holder and valid on chain), the fetches left, and the access log (on chain, the grantee's, confirmed, holding this very
/// entry), and last whether the entry was released before. "No log, no release" lives here and nowhere else.
/// </summary>
/// <remarks>
/// The chain is read at one recent block through <see cref="HolderChainReads"/>; any read that fails refuses the request
/// as <c>chain-unavailable</c> (retryable): when the node cannot see the chain it releases nothing.
/// </remarks>
public sealed class ReleaseChecks(
    HolderNode node, HolderChainReads chain, RecordStore records, ReleaseJournal journal, NonceCache nonces, IRecordAnchors anchors, ExchangeOptions options,
    PasskeyBindingStore passkeys)
{
    /// <summary>The node this holder is.</summary>
    public HolderNode Node => node;

    /// <summary>
    /// The first phase, before the body is read as a request: the signature, by the key the signer's department publishes
    /// on chain now, over this message and body for this chain and registry; then its nonce, seen never before.
    /// </summary>
    public async Task<HolderCheck<SignedRequest>> CheckSignatureAsync(HttpMessageParts message, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!NodeSignatures.TryReadSigner(message, out var signer, out var unreadable))
        {
            return HolderCheck<SignedRequest>.Refuse(unreadable);
        }

        var latest = await chain.LatestBlockAsync();
        if (!latest.IsSuccess)
        {
            return Unavailable<SignedRequest>(latest.Error);
        }

        var entry = await chain.NodeAsync(latest.Value, signer);
        if (!entry.IsSuccess)
        {
            return Unavailable<SignedRequest>(entry.Error);
        }

        var key = entry.Value is { } published ? PublishedKeys.Signing(published.SigningKey) : null;
        if (NodeSignatures.VerifyRequest(message, body.Span, signer, key, node.ChainId, node.Registry, now, out var parameters) is { } refusal)
        {
            return HolderCheck<SignedRequest>.Refuse(refusal);
        }

        return nonces.TryUse(parameters!.KeyId!, parameters.Nonce!, parameters.Expires!.Value, now) switch
        {
            NonceUse.Fresh => HolderCheck<SignedRequest>.Pass(new SignedRequest(signer, latest.Value, entry.Value!)),
            NonceUse.Replayed => HolderCheck<SignedRequest>.Refuse(ExchangeRefusal.ReplayedRequest, $"the nonce \"{parameters.Nonce}\" of department {signer} was used before"),
            _ => HolderCheck<SignedRequest>.Busy(),
        };
    }

    /// <summary>
    /// A block later than <paramref name="block"/>, read now, or null when the chain has none or cannot be read: a request
    /// refused only because its log was not confirmed at a shared read of the head is judged again at it.
    /// </summary>
    public async Task<ulong?> LaterBlockAsync(ulong block)
    {
        var latest = await chain.FreshLatestBlockAsync();
        return latest.IsSuccess && latest.Value > block ? latest.Value : null;
    }

    /// <summary>The second phase: every check of the grant, the record and the log for a signed <paramref name="request"/>.</summary>
    public async Task<HolderCheck<CheckedRelease>> CheckReleaseAsync(ReleaseRequest request, SignedRequest sender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sender);
        ulong block = sender.Block;

        var grantRead = await chain.GrantAsync(block, request.GrantId);
        if (!grantRead.IsSuccess)
        {
            return Unavailable<CheckedRelease>(grantRead.Error);
        }

        if (grantRead.Value is not { } grant)
        {
            return Refuse(ExchangeRefusal.NoGrant, $"grant {request.GrantId} does not exist");
        }

        if (grant.Revoked)
        {
            return Refuse(ExchangeRefusal.GrantRevoked, $"grant {grant.Id} was revoked");
        }

        if (!grant.Valid)
        {
            return Refuse(ExchangeRefusal.GrantExpired, $"grant {grant.Id} expired at {grant.ExpiresAt:O}");
        }

        if (grant.GranteeDepartment != sender.Grantee)
        {
            return Refuse(ExchangeRefusal.NotGrantee, $"grant {grant.Id} names department {grant.GranteeDepartment}, not the signer's department {sender.Grantee}");
        }

        var granteeRead = await chain.DepartmentAsync(block, sender.Grantee);
        if (!granteeRead.IsSuccess)
        {
            return Unavailable<CheckedRelease>(granteeRead.Error);
        }

        if (granteeRead.Value is not { Status: DepartmentStatus.Active })
        {
            return Refuse(ExchangeRefusal.GranteeSuspended, $"the grantee department {sender.Grantee} is {granteeRead.Value?.Status.ToString().ToLowerInvariant() ?? "unknown"}, not active");
        }

        if (grant.Basis == GrantBasis.SubjectConsent)
        {
            // A consent signed by an Ethereum key binds no one to the record: only a passkey consent releases a record.
            return Refuse(ExchangeRefusal.ConsentNotBySubject, $"grant {grant.Id} is a consent signed by an Ethereum key, which releases nothing: the subject consents with the passkey bound to the record");
        }

        var isConsent = grant.Basis == GrantBasis.PasskeyConsent;
        var isKind = grant.Basis == GrantBasis.KindLegalBasis;
        if (!isConsent && !await node.Hosts(grant.GrantorDepartment, cancellationToken))
        {
            return Refuse(ExchangeRefusal.NotHolder, $"grant {grant.Id} was made by department {grant.GrantorDepartment}, which this node does not hold records for");
        }

        var isQuery = request.SealedQuery is not null;
        if (isQuery && !isKind)
        {
            return Refuse(ExchangeRefusal.RecordNotCovered, $"grant {grant.Id} is not a grant for a kind of record, so it answers no query");
        }

        if ((isQuery || !isKind) && request.RecordId != grant.RecordId)
        {
            return Refuse(ExchangeRefusal.RecordNotCovered, $"grant {grant.Id} covers {grant.RecordId}, not {request.RecordId}");
        }

        uint holder = grant.GrantorDepartment;
        StoredRecord? record = null;
        if (!isQuery)
        {
            var held = await HeldRecordAsync(request.RecordId, cancellationToken);
            if (!held.Passed)
            {
                return HolderCheck<CheckedRelease>.Refuse(held.Refusal!);
            }

            record = held.Value;
            if (isConsent)
            {
                holder = record.Department;
                if (!await node.Hosts(holder, cancellationToken))
                {
                    return Refuse(ExchangeRefusal.NotHolder, $"record {record.Digest} belongs to department {holder}, which this node does not answer for");
                }
            }
            else if (record.Department != holder)
            {
                return Refuse(ExchangeRefusal.NotHolder, $"record {record.Digest} was issued by department {record.Department}, not by the grantor {holder}");
            }

            if (isKind && (record.Kind is null || RecordKind.Id(record.Kind) != grant.RecordId))
            {
                return Refuse(ExchangeRefusal.RecordNotCovered, $"grant {grant.Id} covers the kind {grant.RecordId}, and record {record.Digest} is {(record.Kind is null ? "of no kind" : $"a {record.Kind}")}");
            }

            if (isConsent)
            {
                var bound = await PasskeyConsentAsync(block, grant, record, cancellationToken);
                if (!bound.Passed)
                {
                    return HolderCheck<CheckedRelease>.Refuse(bound.Refusal!);
                }
            }

            var status = await RecordStatusAsync(block, holder, record.Digest);
            if (!status.Passed)
            {
                return HolderCheck<CheckedRelease>.Refuse(status.Refusal!);
            }
        }

        var entry = request.Entry(node.ChainId, node.Registry, holder, sender.Grantee);
        var entryHash = entry.Hash();
        var (journaled, fetches) = await journal.StateAsync(entryHash, grant.Id, cancellationToken);
        if (journaled is null && fetches >= grant.Terms.MaxFetches)
        {
            return Refuse(ExchangeRefusal.FetchLimitReached, $"grant {grant.Id} allows {grant.Terms.MaxFetches} fetches, and all were used");
        }

        var log = await CheckLogAsync(block, request.Log, sender.Grantee, entryHash);
        if (!log.Passed)
        {
            return HolderCheck<CheckedRelease>.Refuse(log.Refusal!);
        }

        if (journaled is { IsAcknowledged: true })
        {
            return Refuse(ExchangeRefusal.LogReused, $"the access entry {entryHash} was released and acknowledged at {journaled.AcknowledgedAt:O}; a log serves one release");
        }

        return HolderCheck<CheckedRelease>.Pass(new CheckedRelease(request, sender, grant, holder, entry, entryHash, log.Value.BlockNumber, record, journaled));
    }

    /// <summary>Whether <paramref name="holder"/>'s record <paramref name="digest"/> is valid on chain: issued by it and not revoked, superseded or expired.</summary>
    public async Task<HolderCheck<ChainFacts>> RecordStatusAsync(ulong block, uint holder, Digest digest)
    {
        var facts = await chain.RecordAsync(block, holder, digest, anchors.Find(digest) ?? AnchorPlace.OnItsOwn);
        if (!facts.IsSuccess)
        {
            return Unavailable<ChainFacts>(facts.Error);
        }

        return facts.Value.Status switch
        {
            DocumentStatus.Valid => HolderCheck<ChainFacts>.Pass(facts.Value),
            DocumentStatus.Unknown => HolderCheck<ChainFacts>.Refuse(ExchangeRefusal.NotHolder, $"the chain shows no anchor of record {digest} by department {holder}"),
            var other => HolderCheck<ChainFacts>.Refuse(ExchangeRefusal.RecordRevoked, $"record {digest} is {other.ToString().ToLowerInvariant()} on chain, not valid"),
        };
    }

    /// <summary>The record as this node keeps it: held, not erased, and issued here (a received copy is never passed on).</summary>
    public async Task<HolderCheck<StoredRecord>> HeldRecordAsync(Digest digest, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(digest, cancellationToken);
        if (record is null || record.Origin != RecordOrigin.Issued)
        {
            return HolderCheck<StoredRecord>.Refuse(ExchangeRefusal.RecordNotHeld, $"this node keeps no content of record {digest}");
        }

        return record.IsErased
            ? HolderCheck<StoredRecord>.Refuse(ExchangeRefusal.RecordErased, $"the content of record {digest} was erased at {record.ErasedAt:O}")
            : HolderCheck<StoredRecord>.Pass(record);
    }

    /// <summary>
    /// Whether the passkey that consented to <paramref name="grant"/> is the one this node bound to <paramref name="record"/>:
    /// the chain verified the assertion, but only the holder knows which passkey stands for the record's subject. A record
    /// bound to no passkey (never, or a binding a clerk revoked) has no one who could consent.
    /// </summary>
    private async Task<HolderCheck<PasskeyBinding>> PasskeyConsentAsync(ulong block, GrantInfo grant, StoredRecord record, CancellationToken cancellationToken)
    {
        var consenting = await chain.GrantPasskeyAsync(block, grant.Id);
        if (!consenting.IsSuccess)
        {
            return Unavailable<PasskeyBinding>(consenting.Error);
        }

        var binding = await passkeys.LiveAsync(record.Digest, cancellationToken);
        if (binding is null)
        {
            return HolderCheck<PasskeyBinding>.Refuse(ExchangeRefusal.ConsentNotBySubject,
                $"the consent of grant {grant.Id} was given by passkey {consenting.Value}, and record {record.Digest} is bound to no passkey on this node");
        }

        return binding.PasskeyId == consenting.Value
            ? HolderCheck<PasskeyBinding>.Pass(binding)
            : HolderCheck<PasskeyBinding>.Refuse(ExchangeRefusal.ConsentNotBySubject,
                $"the consent of grant {grant.Id} was given by passkey {consenting.Value}, not by the passkey bound to record {record.Digest}");
    }

    private async Task<HolderCheck<AccessBatchInfo>> CheckLogAsync(ulong block, LogInclusion log, uint grantee, Digest entryHash)
    {
        var batchRead = await chain.AccessBatchAsync(block, log.Root);
        if (!batchRead.IsSuccess)
        {
            return Unavailable<AccessBatchInfo>(batchRead.Error);
        }

        if (batchRead.Value is not { } batch)
        {
            return HolderCheck<AccessBatchInfo>.Refuse(ExchangeRefusal.LogNotFound, $"no access-log batch {log.Root} is on chain");
        }

        if (batch.Department != grantee)
        {
            return HolderCheck<AccessBatchInfo>.Refuse(ExchangeRefusal.LogNotFound, $"the access-log batch {log.Root} was logged by department {batch.Department}, not by the grantee {grantee}");
        }

        if (batch.BlockNumber + (ulong)options.LogConfirmations > block)
        {
            return HolderCheck<AccessBatchInfo>.Refuse(ExchangeRefusal.LogNotConfirmed, $"the access-log batch {log.Root} was logged in block {batch.BlockNumber}; {options.LogConfirmations} confirmation(s) are required and the chain is at block {block}");
        }

        return log.Proof.Count <= LogInclusion.MaxProofLength && MerkleTree.Verify(log.Root, entryHash, log.Proof as Digest[] ?? [.. log.Proof])
            ? HolderCheck<AccessBatchInfo>.Pass(batch)
            : HolderCheck<AccessBatchInfo>.Refuse(ExchangeRefusal.LogNotFound, $"the proof does not place the access entry {entryHash} in the batch {log.Root}");
    }

    private static HolderCheck<CheckedRelease> Refuse(string reason, string detail) => HolderCheck<CheckedRelease>.Refuse(reason, detail);

    private static HolderCheck<T> Unavailable<T>(ChainError? error)
        where T : class
        => HolderCheck<T>.Refuse(ExchangeRefusal.ChainUnavailable, $"the chain cannot be read: {error?.Message ?? "no answer"}");
}
