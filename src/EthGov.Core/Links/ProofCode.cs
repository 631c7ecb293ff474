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

    /// <summary>Reads a code back; refuses anything but whole 32-byte hashes, at most <see cref="ReceiptBatch.MaxProofLength"/> of them (why, in English).</summary>
    public static bool TryDecode(string? code, out IReadOnlyList<Digest> proof, out string error)
    {
        var decoded = TryDecode(code, out proof, out var fault, out var bytes);
        error = fault switch
        {
            ProofCodeFault.TooLong => $"a proof has at most {ReceiptBatch.MaxProofLength} hashes",
            ProofCodeFault.NotBase64Url => "not base64url",
            ProofCodeFault.PartialHash => $"{bytes} bytes is not a whole number of 32-byte hashes",
            _ => string.Empty,
        };
        return decoded;
    }

    /// <summary>Reads a code back; refuses anything but whole 32-byte hashes, at most <see cref="ReceiptBatch.MaxProofLength"/> of them (why, as a code, with the decoded length for <see cref="ProofCodeFault.PartialHash"/>).</summary>
    public static bool TryDecode(string? code, out IReadOnlyList<Digest> proof, out ProofCodeFault? fault, out int decodedBytes)
    {
        proof = [];
        fault = null;
        decodedBytes = 0;
        if (string.IsNullOrEmpty(code))
        {
            return true;
        }

        // Checked before decoding, so an oversized code costs nothing to refuse.
        if (code.Length > Base64Url.GetEncodedLength(ReceiptBatch.MaxProofLength * Digest.Size))
        {
            fault = ProofCodeFault.TooLong;
            return false;
        }

        Span<byte> bytes = stackalloc byte[ReceiptBatch.MaxProofLength * Digest.Size];
        if (!Base64Url.IsValid(code) || !Base64Url.TryDecodeFromChars(code, bytes, out var written))
        {
            fault = ProofCodeFault.NotBase64Url;
            return false;
        }

        decodedBytes = written;
        if (written % Digest.Size != 0)
        {
            fault = ProofCodeFault.PartialHash;
            return false;
        }

        proof = DigestSequence.Unpack(bytes[..written]);
        return true;
    }
}
