using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Application.Verification;

/// <summary>
/// An anchoring the answering service made itself and recorded (the API's confirmed outbox batch): it supplies the
/// issuer, the batch proof and the transaction to check, never the answer, which is read from the chain.
/// </summary>
/// <param name="departmentId">The department the service anchored the digest for.</param>
/// <param name="root">The batch root, or null for a single anchor.</param>
/// <param name="proof">The digest's proof in that batch, computed only when the verifier reads the leaf.</param>
/// <param name="transaction">The transaction the service recorded, checked against the chain like a receipt's.</param>
/// <param name="inLegacyRegistry">Whether the batch was anchored in the registry 1.x a migrated deployment took over from.</param>
public sealed class RecordedAnchor(uint departmentId, Digest? root, Func<IReadOnlyList<Digest>> proof, StatedTransaction transaction, bool inLegacyRegistry)
{
    /// <summary>The department the service anchored the digest for.</summary>
    public uint DepartmentId { get; } = departmentId;

    /// <summary>The batch root, or null for a single anchor.</summary>
    public Digest? Root { get; } = root;

    /// <summary>The transaction the service recorded.</summary>
    public StatedTransaction Transaction { get; } = transaction;

    /// <summary>Whether the batch was anchored in the registry 1.x a migrated deployment took over from.</summary>
    public bool InLegacyRegistry { get; } = inLegacyRegistry;

    /// <summary>The digest's proof in the batch (empty for a single anchor).</summary>
    public IReadOnlyList<Digest> Proof() => Root is null ? [] : proof();
}
