using System.Buffers.Text;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Core.Links;

/// <summary>
/// A batch proof written compactly for a URL: the sibling hashes' 32 bytes each, concatenated, in base64url without
/// padding (RFC 4648 section 5). A proof of 20 levels (a batch of a million) is 854 characters, against 1,340 in hex.
/// </summary>
public static class ProofCode
{
    /// <summary>The code of <paramref name="proof"/>; the empty string for an empty proof.</summary>
    public static string Encode(IReadOnlyList<Digest> proof)
    {
        return Base64Url.EncodeToString(DigestSequence.Pack(proof));
    }

    /// <summary>Reads a code back; refuses anything but whole 32-byte hashes, at most <see cref="ReceiptBatch.MaxProofLength"/> of them.</summary>
    public static bool TryDecode(string? code, out IReadOnlyList<Digest> proof, out string error)
    {
        proof = [];
        if (string.IsNullOrEmpty(code))
        {
            error = string.Empty;
            return true;
        }

        // Checked before decoding, so an oversized code costs nothing to refuse.
        if (code.Length > Base64Url.GetEncodedLength(ReceiptBatch.MaxProofLength * Digest.Size))
        {
            error = $"a proof has at most {ReceiptBatch.MaxProofLength} hashes";
            return false;
        }

        Span<byte> bytes = stackalloc byte[ReceiptBatch.MaxProofLength * Digest.Size];
        if (!Base64Url.IsValid(code) || !Base64Url.TryDecodeFromChars(code, bytes, out var written))
        {
            error = "not base64url";
            return false;
        }

        if (written % Digest.Size != 0)
        {
            error = $"{written} bytes is not a whole number of 32-byte hashes";
            return false;
        }

        proof = DigestSequence.Unpack(bytes[..written]);
        error = string.Empty;
        return true;
    }
}
