using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Core.Records;

/// <summary>
/// What an EIP-712 consent grant holds on chain in place of its signer's address (registry 2.4.0):
/// keccak256(abi.encode(address signer, bytes32 recordId)). It names no one and differs for each record of one signer,
/// so no two grants link; the record's holder, who bound the signer to the record, recomputes it to check that the
/// consent was given by the record's subject.
/// </summary>
public static class SubjectTag
{
    /// <summary>The tag of <paramref name="address"/> (an Ethereum address, any case) consenting to <paramref name="recordId"/>.</summary>
    /// <exception cref="ArgumentException">The address is not 0x and 40 hex digits.</exception>
    public static Digest Of(string address, Digest recordId)
    {
        var normalized = SubjectCommitment.NormalizeAddress(address);
        Span<byte> encoded = stackalloc byte[2 * Digest.Size];
        encoded.Clear();
        Convert.FromHexString(normalized.AsSpan(2), encoded[12..Digest.Size], out _, out _);
        recordId.CopyTo(encoded[Digest.Size..]);
        Span<byte> hash = stackalloc byte[Digest.Size];
        Keccak256.Hash(encoded, hash);
        return new Digest(hash);
    }
}
