using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Application.Verification;

/// <summary>
/// What a verifier is asked about one digest: what the person holds (a file, a receipt), the issuer they name, and
/// what the answering service recorded when it anchored the digest itself. <see cref="ChainVerifier"/> decides from it
/// whose namespace to read and how.
/// </summary>
/// <param name="Digest">The digest in question.</param>
public sealed record VerificationQuery(Digest Digest)
{
    /// <summary>SHA-256 of the file the person holds, when they gave one.</summary>
    public Digest? FileDigest { get; init; }

    /// <summary>The receipt the person holds, when they gave one; it names the issuer and the batch.</summary>
    public Receipt? Receipt { get; init; }

    /// <summary>The department the person names as issuer, when they name one.</summary>
    public uint? DepartmentId { get; init; }

    /// <summary>
    /// A batch proof given without a receipt (the document's link, or the issuer's node), read as a leaf of the batch it
    /// leads to in <see cref="DepartmentId"/>'s namespace, which it requires.
    /// </summary>
    public StatedProof? Proof { get; init; }

    /// <summary>How the department a <see cref="Proof"/> is read for was chosen: named by the asker, or found by asking nodes.</summary>
    public IssuerSource ProofIssuerSource { get; init; } = IssuerSource.Requested;

    /// <summary>How the answering service anchored the digest, when it did (the API's outbox).</summary>
    public RecordedAnchor? Recorded { get; init; }
}
