namespace EthGov.Core.Digests;

/// <summary>
/// A list of digests as bytes: the 32-byte digests one after the other. A batch's members or a Merkle proof is stored as
/// one BLOB column this way, and a proof travels in a link this way (base64url).
/// </summary>
public static class DigestSequence
{
    /// <summary>The digests, concatenated.</summary>
    public static byte[] Pack(IReadOnlyList<Digest> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var bytes = new byte[digests.Count * Digest.Size];
        for (int i = 0; i < digests.Count; i++)
        {
            digests[i].CopyTo(bytes.AsSpan(i * Digest.Size, Digest.Size));
        }

        return bytes;
    }

    /// <summary>The digests <see cref="Pack"/> wrote; bytes past the last whole digest are ignored.</summary>
    public static Digest[] Unpack(ReadOnlySpan<byte> bytes)
    {
        var digests = new Digest[bytes.Length / Digest.Size];
        for (int i = 0; i < digests.Length; i++)
        {
            digests[i] = new Digest(bytes.Slice(i * Digest.Size, Digest.Size));
        }

        return digests;
    }
}
