using EthGov.Api.Outbox;
using EthGov.Chain.Abi;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>Why a revocation or supersession asked through the API was not made; the endpoint answers each with its problem.</summary>
public abstract record DocumentChangeFailure
{
    private DocumentChangeFailure()
    {
    }

    /// <summary>Another department anchored the document through this API.</summary>
    /// <param name="Digest">The document.</param>
    /// <param name="IssuerId">The department that anchored it.</param>
    /// <param name="CallerCode">The department that asked for the change.</param>
    public sealed record NotIssuingDepartment(Digest Digest, uint IssuerId, string CallerCode) : DocumentChangeFailure;

    /// <summary>The chain refused the document's anchor, so there is nothing to change.</summary>
    /// <param name="Error">Why the chain refused it.</param>
    public sealed record AnchorRefused(string? Error) : DocumentChangeFailure;

    /// <summary>The document is still in the outbox.</summary>
    /// <param name="Digest">The document.</param>
    public sealed record NotYetAnchored(Digest Digest) : DocumentChangeFailure;

    /// <summary>The change could not be stored before it was sent, so it was not sent.</summary>
    /// <param name="Kind">Revocation or supersession.</param>
    /// <param name="ErrorCode">The database's error code (<see cref="EthGov.Application.Storage.StoreErrors.Code"/>).</param>
    public sealed record NotRecorded(DocumentChangeKind Kind, string ErrorCode) : DocumentChangeFailure;

    /// <summary>The supersession was confirmed but its new document could not be committed to the outbox.</summary>
    /// <param name="Failure">Why.</param>
    public sealed record OutboxUnavailable(OutboxFailure Failure) : DocumentChangeFailure;

    /// <summary>A document of registry 1.x, which cannot be superseded.</summary>
    /// <param name="Digest">The document.</param>
    /// <param name="Registry">The 1.x registry it was anchored in.</param>
    public sealed record LegacyDocument(Digest Digest, string Registry) : DocumentChangeFailure;

    /// <summary>The supersession's new digest is already anchored or queued.</summary>
    /// <param name="Digest">The new digest.</param>
    public sealed record SuccessorTaken(Digest Digest) : DocumentChangeFailure;

    /// <summary>The chain refused the transaction, or could not be reached.</summary>
    /// <param name="Error">The decoded failure.</param>
    public sealed record ChainRefused(ChainError Error) : DocumentChangeFailure;
}
