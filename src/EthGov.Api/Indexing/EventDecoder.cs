using EthGov.Chain.Contracts;
using EthGov.Core.Digests;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Api.Indexing;

/// <summary>Decodes the registry's logs into <see cref="IndexedEvent"/>s; logs of unknown events are skipped.</summary>
internal static class EventDecoder
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <summary>The event in <paramref name="log"/>; <paramref name="grantParties"/> gives (grantor, grantee) of known grants.</summary>
    public static IndexedEvent? Decode(FilterLog log, DateTimeOffset blockTime, Func<long, (uint Grantor, uint Grantee)?> grantParties)
    {
        IndexedEvent Make(string name, Digest? record, long? grant, uint? department, uint? other, Dictionary<string, object?> data)
            => new((ulong)log.BlockNumber.Value, log.BlockHash, log.TransactionHash, (long)log.LogIndex.Value, blockTime, name, record, grant, department, other, data);

        if (Is<AccessGrantedEvent>(log, out var granted))
        {
            var subject = string.Equals(granted.Subject, ZeroAddress, StringComparison.OrdinalIgnoreCase) ? null : granted.Subject;
            return Make("AccessGranted", new Digest(granted.RecordId), (long)granted.GrantId, granted.GranteeDepartment, granted.GrantorDepartment == 0 ? null : granted.GrantorDepartment,
                new() { ["granteeDepartment"] = granted.GranteeDepartment, ["grantorDepartment"] = granted.GrantorDepartment, ["subject"] = subject, ["purpose"] = granted.Purpose,
                        ["expiresAt"] = granted.ExpiresAt, ["basis"] = granted.Basis == 0 ? "legal-basis" : "subject-consent", ["legalBasis"] = new Digest(granted.LegalBasis).ToString() });
        }

        if (Is<GrantRevokedEvent>(log, out var revoked))
        {
            var parties = grantParties((long)revoked.GrantId);
            return Make("GrantRevoked", new Digest(revoked.RecordId), (long)revoked.GrantId, parties?.Grantee, parties is { Grantor: > 0 } p ? p.Grantor : null,
                new() { ["revokedBy"] = revoked.RevokedBy });
        }

        if (Is<AccessLoggedEvent>(log, out var accessed))
        {
            var parties = grantParties((long)accessed.GrantId);
            return Make("AccessLogged", new Digest(accessed.RecordId), (long)accessed.GrantId, accessed.GranteeDepartment, parties is { Grantor: > 0 } p ? p.Grantor : null,
                new() { ["granteeDepartment"] = accessed.GranteeDepartment });
        }

        if (Is<DocumentAnchoredEvent>(log, out var anchored))
        {
            return Make("DocumentAnchored", new Digest(anchored.Digest), null, anchored.DepartmentId, null, new() { ["validUntil"] = anchored.ValidUntil });
        }

        if (Is<BatchAnchoredEvent>(log, out var batch))
        {
            return Make("BatchAnchored", null, null, batch.DepartmentId, null,
                new() { ["root"] = new Digest(batch.Root).ToString(), ["documentCount"] = batch.DocumentCount, ["validUntil"] = batch.ValidUntil });
        }

        if (Is<DocumentRevokedEvent>(log, out var documentRevoked))
        {
            return Make("DocumentRevoked", new Digest(documentRevoked.Digest), null, documentRevoked.DepartmentId, null,
                new() { ["root"] = new Digest(documentRevoked.Root).ToString(), ["reason"] = documentRevoked.Reason });
        }

        if (Is<DocumentSupersededEvent>(log, out var superseded))
        {
            return Make("DocumentSuperseded", new Digest(superseded.OldDigest), null, superseded.DepartmentId, null,
                new() { ["newDigest"] = new Digest(superseded.NewDigest).ToString() });
        }

        if (Is<DepartmentAddedEvent>(log, out var added))
        {
            return Make("DepartmentAdded", null, null, added.DepartmentId, null, new() { ["code"] = added.Code, ["name"] = added.Name });
        }

        if (Is<DepartmentSuspendedEvent>(log, out var suspended))
        {
            return Make("DepartmentSuspended", null, null, suspended.DepartmentId, null, []);
        }

        if (Is<DepartmentRestoredEvent>(log, out var restored))
        {
            return Make("DepartmentRestored", null, null, restored.DepartmentId, null, []);
        }

        if (Is<SignerAddedEvent>(log, out var signerAdded))
        {
            return Make("SignerAdded", null, null, signerAdded.DepartmentId, null, new() { ["signer"] = signerAdded.Signer });
        }

        if (Is<SignerRemovedEvent>(log, out var signerRemoved))
        {
            return Make("SignerRemoved", null, null, signerRemoved.DepartmentId, null, new() { ["signer"] = signerRemoved.Signer });
        }

        if (Is<ThresholdChangedEvent>(log, out var threshold))
        {
            return Make("ThresholdChanged", null, null, null, null, new() { ["oldThreshold"] = threshold.OldThreshold, ["newThreshold"] = threshold.NewThreshold });
        }

        if (Is<ProposalCreatedEvent>(log, out var proposed))
        {
            return Make("ProposalCreated", null, null, proposed.Proposer, null,
                new() { ["proposalId"] = proposed.ProposalId.ToString(), ["kind"] = proposed.Kind, ["deadline"] = proposed.Deadline });
        }

        if (Is<ProposalApprovedEvent>(log, out var approved))
        {
            return Make("ProposalApproved", null, null, approved.DepartmentId, null,
                new() { ["proposalId"] = approved.ProposalId.ToString(), ["approvals"] = approved.Approvals });
        }

        if (Is<ProposalExecutedEvent>(log, out var executed))
        {
            return Make("ProposalExecuted", null, null, null, null, new() { ["proposalId"] = executed.ProposalId.ToString() });
        }

        return null;
    }

    private static bool Is<TEvent>(FilterLog log, out TEvent decoded)
        where TEvent : IEventDTO, new()
    {
        if (!log.IsLogForEvent<TEvent>())
        {
            decoded = default!;
            return false;
        }

        decoded = log.DecodeEvent<TEvent>().Event;
        return true;
    }
}
