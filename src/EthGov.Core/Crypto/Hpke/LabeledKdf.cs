using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// RFC 9180's LabeledExtract and LabeledExpand over HKDF-SHA256 (§4): every derivation is prefixed with
/// "HPKE-v1", the suite_id of its caller (the KEM's or the whole suite's) and a label, so that no two
/// derivations, in this suite or another, can ever produce the same bytes from the same input.
/// </summary>
internal static class LabeledKdf
{
    private static ReadOnlySpan<byte> Version => "HPKE-v1"u8;

    /// <summary>The largest output of one Expand: 255 blocks of SHA-256 (RFC 5869).</summary>
    public const int MaxExpandLength = 255 * HpkeSuite.HashLength;

    /// <summary>LabeledExtract(salt, label, ikm) = Extract(salt, concat("HPKE-v1", suite_id, label, ikm)).</summary>
    public static byte[] Extract(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ikm)
    {
        byte[] labeledIkm = new byte[Version.Length + suiteId.Length + label.Length + ikm.Length];
        var rest = labeledIkm.AsSpan();
        Append(ref rest, Version);
        Append(ref rest, suiteId);
        Append(ref rest, label);
        Append(ref rest, ikm);

        var prk = new byte[HpkeSuite.HashLength];
        // An empty salt is what RFC 5869 calls "not provided": HMAC pads it to Nh zero bytes either way.
        HKDF.Extract(HashAlgorithmName.SHA256, labeledIkm, salt, prk);

        // The input may be a Diffie-Hellman output or a secret: do not leave a copy on the heap.
        CryptographicOperations.ZeroMemory(labeledIkm);
        return prk;
    }

    /// <summary>LabeledExpand(prk, label, info, L) = Expand(prk, concat(I2OSP(L, 2), "HPKE-v1", suite_id, label, info), L).</summary>
    public static byte[] Expand(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxExpandLength);

        byte[] labeledInfo = new byte[2 + Version.Length + suiteId.Length + label.Length + info.Length];
        BinaryPrimitives.WriteUInt16BigEndian(labeledInfo, (ushort)length);
        var rest = labeledInfo.AsSpan(2);
        Append(ref rest, Version);
        Append(ref rest, suiteId);
        Append(ref rest, label);
        Append(ref rest, info);

        var okm = new byte[length];
        HKDF.Expand(HashAlgorithmName.SHA256, prk, okm, labeledInfo);
        return okm;
    }

    private static void Append(ref Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        destination = destination[bytes.Length..];
    }
}
