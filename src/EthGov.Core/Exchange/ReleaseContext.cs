using System.Numerics;
using System.Security.Cryptography;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The HPKE contexts of the exchange: the suite, and what binds each sealed message to what it is for, so that content
/// sealed for one access entry and log does not open for any other.
/// </summary>
/// <remarks>
/// <para>A release is sealed in a session: one HPKE context (RFC 9180 base mode, info <see cref="SessionInfo"/>) that a
/// holder node sets up for a grantee's encryption key and keeps for a few seconds (<see cref="ReleaseSenderSessions"/>).
/// Each release gets a key of its own from the context's secret export (RFC 9180 §5.3) under the exporter context
/// <see cref="ReleaseExporterContext"/>, which binds the access entry (grant, record, both departments, request, chain)
/// and the log root, and is sealed with AES-256-GCM under that key and a random nonce. The context's encapsulated key
/// travels as the release's <c>enc</c>. A single-shot seal per release cost two P-256 scalar multiplications on each node
/// (0.5 ms to seal, 0.3 ms to open); a session costs them once per grantee every few seconds.</para>
/// <para>Releases journaled before sessions were sealed single-shot under <see cref="ReleaseInfo"/>; the grantee still
/// opens them (<see cref="OpenLegacyRelease"/>).</para>
/// </remarks>
public static class ReleaseContext
{
    /// <summary>The suite of every exchange message: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.</summary>
    public static HpkeSuite Suite => HpkeSuite.P256Sha256Aes256Gcm;

    /// <summary>The label a single-shot release's info starts with (releases journaled before sessions).</summary>
    public static ReadOnlySpan<byte> ReleaseLabel => "ethgov:release:v1"u8;

    /// <summary>The info of a release session's HPKE context.</summary>
    public static ReadOnlySpan<byte> SessionInfo => "ethgov:release-session:v2"u8;

    /// <summary>The label a release's exporter context starts with.</summary>
    public static ReadOnlySpan<byte> ExportLabel => "ethgov:release:v2"u8;

    /// <summary>The length of a session release's random AES-GCM nonce, written before its ciphertext.</summary>
    public const int NonceLength = 12;

    /// <summary>The label a sealed query's info starts with.</summary>
    public static ReadOnlySpan<byte> QueryLabel => "ethgov:query:v1"u8;

    /// <summary>
    /// The exporter context of a release's key: UTF-8 <c>"ethgov:release:v2"</c> || <see cref="AccessEntry.Hash"/> || log
    /// root (32 + 32 bytes).
    /// </summary>
    public static byte[] ReleaseExporterContext(AccessEntry entry, Digest logRoot) => Bound(ExportLabel, entry, logRoot);

    /// <summary>info of a single-shot release: UTF-8 <c>"ethgov:release:v1"</c> || <see cref="AccessEntry.Hash"/> || log root (32 + 32 bytes).</summary>
    public static byte[] ReleaseInfo(AccessEntry entry, Digest logRoot) => Bound(ReleaseLabel, entry, logRoot);

    private static byte[] Bound(ReadOnlySpan<byte> label, AccessEntry entry, Digest logRoot)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bound = new byte[label.Length + (2 * Digest.Size)];
        label.CopyTo(bound);
        entry.Hash().CopyTo(bound.AsSpan(label.Length));
        logRoot.CopyTo(bound.AsSpan(label.Length + Digest.Size));
        return bound;
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

    /// <summary>
    /// Seals a release's content in <paramref name="session"/>, a sender context set up under <see cref="SessionInfo"/>:
    /// a random nonce, then AES-256-GCM under the key exported for the entry and log.
    /// </summary>
    public static byte[] SealRelease(HpkeContext session, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(session);
        var key = session.Export(ReleaseExporterContext(entry, logRoot), 32);
        try
        {
            using var aead = new AesGcm(key, HpkeSuite.TagLength);
            var sealedContent = new byte[NonceLength + content.Length + HpkeSuite.TagLength];
            var nonce = sealedContent.AsSpan(0, NonceLength);
            RandomNumberGenerator.Fill(nonce);
            aead.Encrypt(nonce, content, sealedContent.AsSpan(NonceLength, content.Length), sealedContent.AsSpan(NonceLength + content.Length));
            return sealedContent;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens a release sealed by <see cref="SealRelease"/> in the recipient context of its <c>enc</c>.</summary>
    /// <exception cref="HpkeOpenException">The content was sealed for another entry, log, key or session, or altered.</exception>
    public static byte[] OpenRelease(HpkeContext session, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> sealedContent)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (sealedContent.Length < NonceLength + HpkeSuite.TagLength)
        {
            throw new HpkeOpenException($"The sealed release is {sealedContent.Length} bytes, shorter than its nonce and tag.");
        }

        var key = session.Export(ReleaseExporterContext(entry, logRoot), 32);
        try
        {
            using var aead = new AesGcm(key, HpkeSuite.TagLength);
            int length = sealedContent.Length - NonceLength - HpkeSuite.TagLength;
            var content = new byte[length];
            aead.Decrypt(sealedContent[..NonceLength], sealedContent.Slice(NonceLength, length), sealedContent[(NonceLength + length)..], content);
            return content;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new HpkeOpenException("The release does not open: altered, or sealed for another key, session, entry or log.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens a release sealed single-shot under <see cref="ReleaseInfo"/>, as releases were before sessions.</summary>
    /// <exception cref="HpkeOpenException">The ciphertext was sealed for another entry, log, key, or altered.</exception>
    /// <exception cref="HpkeInvalidKeyException">The encapsulated key is not a P-256 point.</exception>
    public static byte[] OpenLegacyRelease(HpkePrivateKey grantee, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> ciphertext) =>
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
