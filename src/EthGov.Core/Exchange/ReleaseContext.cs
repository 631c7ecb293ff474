using System.Numerics;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The HPKE contexts of the exchange: the suite, and the <c>info</c> that binds each sealed message to what it is for,
/// so that content sealed for one access entry and log does not open for any other.
/// </summary>
public static class ReleaseContext
{
    /// <summary>The suite of every exchange message: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.</summary>
    public static HpkeSuite Suite => HpkeSuite.P256Sha256Aes256Gcm;

    /// <summary>The label a release's info starts with.</summary>
    public static ReadOnlySpan<byte> ReleaseLabel => "ethgov:release:v1"u8;

    /// <summary>The label a sealed query's info starts with.</summary>
    public static ReadOnlySpan<byte> QueryLabel => "ethgov:query:v1"u8;

    /// <summary>info of a release: UTF-8 <c>"ethgov:release:v1"</c> || <see cref="AccessEntry.Hash"/> || log root (32 + 32 bytes).</summary>
    public static byte[] ReleaseInfo(AccessEntry entry, Digest logRoot)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var info = new byte[ReleaseLabel.Length + (2 * Digest.Size)];
        ReleaseLabel.CopyTo(info);
        entry.Hash().CopyTo(info.AsSpan(ReleaseLabel.Length));
        logRoot.CopyTo(info.AsSpan(ReleaseLabel.Length + Digest.Size));
        return info;
    }

    /// <summary>info of a sealed query: UTF-8 <c>"ethgov:query:v1"</c> || the grant id as 32 bytes big-endian.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative or beyond uint256.</exception>
    public static byte[] QueryInfo(BigInteger grantId)
    {
        if (grantId < 0 || grantId.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(grantId), grantId, "A grant id is a uint256.");
        }

        var info = new byte[QueryLabel.Length + 32];
        QueryLabel.CopyTo(info);
        grantId.TryWriteBytes(info.AsSpan(info.Length - grantId.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return info;
    }

    /// <summary>Seals a release's content to the grantee's encryption key.</summary>
    public static HpkeSealed SealRelease(HpkePublicKey grantee, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> content) =>
        HpkeBaseMode.Seal(Suite, grantee, ReleaseInfo(entry, logRoot), [], content);

    /// <summary>Opens a release's content with the grantee's encryption key.</summary>
    /// <exception cref="HpkeOpenException">The ciphertext was sealed for another entry, log, key, or altered.</exception>
    /// <exception cref="HpkeInvalidKeyException">The encapsulated key is not a P-256 point.</exception>
    public static byte[] OpenRelease(HpkePrivateKey grantee, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> ciphertext) =>
        HpkeBaseMode.Open(Suite, enc, grantee, ReleaseInfo(entry, logRoot), [], ciphertext);

    /// <summary>Seals a kind query's person identifier to the holder's encryption key.</summary>
    public static SealedQuery SealQuery(HpkePublicKey holder, BigInteger grantId, ReadOnlySpan<byte> query)
    {
        var sealedQuery = HpkeBaseMode.Seal(Suite, holder, QueryInfo(grantId), [], query);
        return new SealedQuery(sealedQuery.EncapsulatedKey, sealedQuery.Ciphertext);
    }

    /// <summary>Opens a sealed query with the holder's encryption key.</summary>
    /// <exception cref="HpkeOpenException">The query was sealed for another grant or key, or altered.</exception>
    /// <exception cref="HpkeInvalidKeyException">The encapsulated key is not a P-256 point.</exception>
    public static byte[] OpenQuery(HpkePrivateKey holder, BigInteger grantId, SealedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HpkeBaseMode.Open(Suite, query.Enc, holder, QueryInfo(grantId), [], query.Ciphertext);
    }
}
