using EthGov.Api.Grants;
using EthGov.Chain.Bindings;
using EthGov.Chain.Events;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Indexing;

/// <summary>Decodes the registry's logs into <see cref="IndexedEvent"/>s; logs of unknown events are skipped.</summary>
internal static class EventDecoder
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <summary>The event in <paramref name="log"/>; <paramref name="grantParties"/> gives (grantor, grantee) of known grants.</summary>
    public static IndexedEvent? Decode(RegistryLog log, DateTimeOffset blockTime, Func<long, (uint Grantor, uint Grantee)?> grantParties)
    {
        IndexedEvent Make(string name, Digest? record, long? grant, uint? department, uint? other, Dictionary<string, object?> data)
            => new(log.BlockNumber, log.BlockHash, log.TransactionHash, (long)log.LogIndex, blockTime, name, record, grant, department, other, data);

        if (log.TryDecode<AccessGrantedEvent>(out var granted))
        {
            // A subject tag or a passkey id, never an address (registry 2.4.0).
            var subject = new Digest(granted.Subject) is { IsZero: false } tag ? tag.ToString() : null;
            return Make("AccessGranted", new Digest(granted.RecordId), (long)granted.GrantId, granted.GranteeDepartment, granted.GrantorDepartment == 0 ? null : granted.GrantorDepartment,
                new() { ["granteeDepartment"] = granted.GranteeDepartment, ["grantorDepartment"] = granted.GrantorDepartment, ["subject"] = subject, ["purpose"] = granted.Purpose,
                        ["purposeName"] = EthGov.Core.Purposes.GrantPurposes.Find(granted.Purpose)?.Name,
                        ["expiresAt"] = granted.ExpiresAt, ["basis"] = GrantBasisNames.Of(granted.Basis), ["legalBasis"] = new Digest(granted.LegalBasis).ToString(),
                        ["use"] = GrantTermsNames.Use((GrantUse)granted.Terms.Use), ["retentionDays"] = granted.Terms.RetentionDays, ["maxFetches"] = granted.Terms.MaxFetches,
                        ["revocableBy"] = GrantTermsNames.Revokers((GrantRevokers)granted.Terms.RevocableBy) });
        }

        if (log.TryDecode<GrantRevokedEvent>(out var revoked))
        {
            var parties = grantParties((long)revoked.GrantId);
            // revokedBy is zero when no key of a department revoked: the quorum revoked a legal-basis grant (registry 2.5 has no
            // consent a key revokes as its subject; a passkey's revocation is PasskeyConsentRevoked).
            var noKey = string.Equals(revoked.RevokedBy, ZeroAddress, StringComparison.OrdinalIgnoreCase);
            return Make("GrantRevoked", new Digest(revoked.RecordId), (long)revoked.GrantId, parties?.Grantee, parties is { Grantor: > 0 } p ? p.Grantor : null,
                new() { ["revokedBy"] = noKey ? null : revoked.RevokedBy, ["byQuorum"] = noKey });
        }

        if (log.TryDecode<PasskeyConsentRevokedEvent>(out var passkeyRevoked))
        {
            // Indexed as a revocation like any other, so the grant reads revoked; the revoker is a passkey, no address.
            var parties = grantParties((long)passkeyRevoked.GrantId);
            return Make("GrantRevoked", new Digest(passkeyRevoked.RecordId), (long)passkeyRevoked.GrantId, parties?.Grantee, null,
                new() { ["revokedBy"] = null, ["byQuorum"] = false, ["byPasskey"] = new Digest(passkeyRevoked.PasskeyId).ToString() });
        }

        if (log.TryDecode<AccessLoggedEvent>(out var accessed))
        {
            var parties = grantParties((long)accessed.GrantId);
            return Make("AccessLogged", new Digest(accessed.RecordId), (long)accessed.GrantId, accessed.GranteeDepartment, parties is { Grantor: > 0 } p ? p.Grantor : null,
                new() { ["granteeDepartment"] = accessed.GranteeDepartment });
        }

        if (log.TryDecode<AccessBatchLoggedEvent>(out var accessBatch))
        {
            return Make("AccessBatchLogged", null, null, accessBatch.DepartmentId, null,
                new() { ["root"] = new Digest(accessBatch.Root).ToString(), ["entries"] = accessBatch.Entries });
        }

        if (log.TryDecode<DocumentAnchoredEvent>(out var anchored))
        {
            return Make("DocumentAnchored", new Digest(anchored.Digest), null, anchored.DepartmentId, null, new() { ["validUntil"] = anchored.ValidUntil });
        }

        if (log.TryDecode<BatchAnchoredEvent>(out var batch))
        {
            return Make("BatchAnchored", null, null, batch.DepartmentId, null,
                new() { ["root"] = new Digest(batch.Root).ToString(), ["documentCount"] = batch.DocumentCount, ["validUntil"] = batch.ValidUntil });
        }

        if (log.TryDecode<DocumentRevokedEvent>(out var documentRevoked))
        {
            return Make("DocumentRevoked", new Digest(documentRevoked.Digest), null, documentRevoked.DepartmentId, null,
                new() { ["root"] = new Digest(documentRevoked.Root).ToString(), ["reason"] = documentRevoked.Reason, ["reasonName"] = ReasonName(documentRevoked.Reason) });
        }

        if (log.TryDecode<DocumentSupersededEvent>(out var superseded))
        {
            return Make("DocumentSuperseded", new Digest(superseded.OldDigest), null, superseded.DepartmentId, null,
                new() { ["newDigest"] = new Digest(superseded.NewDigest).ToString() });
        }

        if (log.TryDecode<DepartmentAddedEvent>(out var added))
        {
            return Make("DepartmentAdded", null, null, added.DepartmentId, null, new() { ["code"] = added.Code, ["name"] = added.Name });
        }

        if (log.TryDecode<DepartmentSuspendedEvent>(out var suspended))
        {
            return Make("DepartmentSuspended", null, null, suspended.DepartmentId, null, []);
        }

        if (log.TryDecode<DepartmentRestoredEvent>(out var restored))
        {
            return Make("DepartmentRestored", null, null, restored.DepartmentId, null, []);
        }

        if (log.TryDecode<SignerAddedEvent>(out var signerAdded))
        {
            return Make("SignerAdded", null, null, signerAdded.DepartmentId, null, new() { ["signer"] = signerAdded.Signer, ["keyId"] = signerAdded.KeyId });
        }

        if (log.TryDecode<SignerRemovedEvent>(out var signerRemoved))
        {
            return Make("SignerRemoved", null, null, signerRemoved.DepartmentId, null, new() { ["signer"] = signerRemoved.Signer, ["keyId"] = signerRemoved.KeyId });
        }

        if (log.TryDecode<KeyCompromisedEvent>(out var compromised))
        {
            return Make("KeyCompromised", null, null, compromised.DepartmentId, null,
                new() { ["key"] = compromised.Key, ["keyId"] = compromised.KeyId, ["since"] = compromised.Since });
        }

        if (log.TryDecode<SignerChangeRequestedEvent>(out var requested))
        {
            return Make("SignerChangeRequested", null, null, requested.DepartmentId, null,
                new() { ["changeId"] = requested.ChangeId.ToString(), ["kind"] = ChangeKind(requested.Kind), ["signer"] = SignerChangeInfo.SignerOf(requested.Kind, requested.Data),
                        ["nodeUrl"] = SignerChangeInfo.NodeUrlOf(requested.Kind, requested.Data),
                        ["requestedBy"] = requested.RequestedBy, ["executableAt"] = requested.ExecutableAt, ["data"] = "0x" + Convert.ToHexStringLower(requested.Data) });
        }

        if (log.TryDecode<SignerChangeAppliedEvent>(out var applied))
        {
            return Make("SignerChangeApplied", null, null, applied.DepartmentId, null, new() { ["changeId"] = applied.ChangeId.ToString(), ["appliedBy"] = applied.AppliedBy });
        }

        if (log.TryDecode<SignerChangeCancelledEvent>(out var cancelled))
        {
            return Make("SignerChangeCancelled", null, null, cancelled.DepartmentId, null, new() { ["changeId"] = cancelled.ChangeId.ToString(), ["cancelledBy"] = cancelled.CancelledBy });
        }

        if (log.TryDecode<PendingSignerChangesCancelledEvent>(out var allCancelled))
        {
            return Make("PendingSignerChangesCancelled", null, null, allCancelled.DepartmentId, null, []);
        }

        if (log.TryDecode<DepartmentNodeChangedEvent>(out var nodeChanged))
        {
            return Make("DepartmentNodeChanged", null, null, nodeChanged.DepartmentId, null,
                new() { ["url"] = nodeChanged.Url, ["signingKey"] = "0x" + Convert.ToHexStringLower(nodeChanged.SigningKey),
                        ["encryptionKey"] = "0x" + Convert.ToHexStringLower(nodeChanged.EncryptionKey) });
        }

        if (log.TryDecode<DepartmentNodeClearedEvent>(out var nodeCleared))
        {
            return Make("DepartmentNodeCleared", null, null, nodeCleared.DepartmentId, null, []);
        }

        if (log.TryDecode<LegacyDocumentRevokedEvent>(out var legacyRevoked))
        {
            return Make("LegacyDocumentRevoked", new Digest(legacyRevoked.Digest), null, legacyRevoked.DepartmentId, null,
                new() { ["root"] = new Digest(legacyRevoked.Root).ToString(), ["reason"] = legacyRevoked.Reason, ["reasonName"] = ReasonName(legacyRevoked.Reason) });
        }

        if (log.TryDecode<ThresholdChangedEvent>(out var threshold))
        {
            return Make("ThresholdChanged", null, null, null, null, new() { ["oldThreshold"] = threshold.OldThreshold, ["newThreshold"] = threshold.NewThreshold });
        }

        if (log.TryDecode<ProposalCreatedEvent>(out var proposed))
        {
            return Make("ProposalCreated", null, null, proposed.Proposer, null,
                new() { ["proposalId"] = proposed.ProposalId.ToString(), ["kind"] = proposed.Kind, ["deadline"] = proposed.Deadline });
        }

        if (log.TryDecode<ProposalApprovedEvent>(out var approved))
        {
            return Make("ProposalApproved", null, null, approved.DepartmentId, null,
                new() { ["proposalId"] = approved.ProposalId.ToString(), ["approvals"] = approved.Approvals });
        }

        if (log.TryDecode<ProposalExecutedEvent>(out var executed))
        {
            return Make("ProposalExecuted", null, null, null, null, new() { ["proposalId"] = executed.ProposalId.ToString() });
        }

        return null;
    }

    // Beside the code, the published name of a listed reason, so an audit reader is not left with a bare number.
    private static string? ReasonName(ushort reason) => EthGov.Core.Revocations.RevocationReasons.Find(reason)?.Name;

    private static string ChangeKind(byte kind) => kind switch
    {
        (byte)SignerChangeKind.AddSigner => "add-signer",
        (byte)SignerChangeKind.RemoveSigner => "remove-signer",
        (byte)SignerChangeKind.SetNode => "set-node",
        _ => kind.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
