using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Application.Documents;

/// <summary>
/// Where a document's anchor sits, as a revocation or supersession must name it: on its own in this registry, as a leaf
/// of one of its Merkle batches (root and proof), or in the registry 1.x a migrated deployment took over from (on its
/// own or in a 1.x batch). The registry 2.0 keeps these apart, so the transaction that changes the document depends on it.
/// </summary>
public sealed class AnchorPlace
{
    private AnchorPlace(Digest? root, IReadOnlyList<Digest> proof, bool inLegacyRegistry, bool maybeInLegacyRegistry)
    {
        Root = root;
        Proof = proof;
        InLegacyRegistry = inLegacyRegistry;
        MaybeInLegacyRegistry = maybeInLegacyRegistry;
    }

    /// <summary>Anchored on its own in this registry.</summary>
    public static AnchorPlace OnItsOwn { get; } = new(null, [], false, false);

    /// <summary>
    /// Anchored on its own as far as the caller knows, in this registry or, when this registry does not hold it, in the
    /// registry 1.x this deployment took over from (a document anchored before the cut-over, with no receipt at hand).
    /// </summary>
    public static AnchorPlace OnItsOwnHereOrInLegacy { get; } = new(null, [], false, true);

    /// <summary>The batch root, or null for a document anchored on its own.</summary>
    public Digest? Root { get; }

    /// <summary>The document's Merkle proof in that batch (empty on its own).</summary>
    public IReadOnlyList<Digest> Proof { get; }

    /// <summary>Whether the document was anchored in the registry 1.x this deployment took over from.</summary>
    public bool InLegacyRegistry { get; }

    /// <summary>Whether the document may be a single anchor of the registry 1.x (see <see cref="OnItsOwnHereOrInLegacy"/>).</summary>
    public bool MaybeInLegacyRegistry { get; }

    /// <summary>A leaf of this registry's batch <paramref name="root"/>, proven by <paramref name="proof"/>.</summary>
    public static AnchorPlace InBatch(Digest root, IReadOnlyList<Digest> proof) => new(root, proof, false, false);

    /// <summary>
    /// A document of the registry 1.x this deployment took over from: on its own when <paramref name="root"/> is null,
    /// else a leaf of that 1.x batch proven by <paramref name="proof"/>.
    /// </summary>
    public static AnchorPlace InLegacy(Digest? root, IReadOnlyList<Digest> proof) => new(root, proof, true, false);

    /// <summary>
    /// The place a receipt states: in the registry 1.x when it names <paramref name="legacyRegistry"/> (the 1.x registry
    /// this deployment took over from, if any), in its batch when it has one, else on its own (also without a receipt).
    /// </summary>
    public static AnchorPlace Of(Receipt? receipt, string? legacyRegistry)
        => receipt is null ? OnItsOwn
            : legacyRegistry is not null && string.Equals(legacyRegistry, receipt.Registry, StringComparison.OrdinalIgnoreCase)
                ? InLegacy(receipt.Batch?.Root, receipt.Batch?.Proof ?? [])
                : receipt.Batch is { } batch ? InBatch(batch.Root, batch.Proof) : OnItsOwn;
}
