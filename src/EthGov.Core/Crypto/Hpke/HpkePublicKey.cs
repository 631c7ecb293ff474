using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// A validated P-256 public key in RFC 9180's serialization: uncompressed SEC1, 65 bytes (0x04, x, y).
/// It is what a department node publishes on chain for others to encrypt to, and what an encapsulated
/// key <c>enc</c> is. An instance exists only for a point that passed validation, so code holding one
/// never needs to check again.
/// </summary>
public sealed class HpkePublicKey
{
    private readonly byte[] _encoded;
    private ECDiffieHellmanPublicKey? _agreementKey;

    private HpkePublicKey(byte[] encoded) => _encoded = encoded;

    /// <summary>Length of a serialized key (Npk, and Nenc for the encapsulated key).</summary>
    public const int Length = P256.PublicKeyLength;

    /// <summary>The 65-byte uncompressed encoding.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>
    /// Reads a received key (RFC 9180 DeserializePublicKey) and performs partial public key validation:
    /// uncompressed form, coordinates below p, on the curve, not the point at infinity.
    /// </summary>
    /// <exception cref="HpkeInvalidKeyException">The bytes are not a valid P-256 public key.</exception>
    public static HpkePublicKey FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (P256.CheckPublicKey(encoded) is { } problem)
        {
            throw new HpkeInvalidKeyException(problem, problem switch
            {
                HpkeKeyProblem.WrongLength => $"A P-256 public key is {Length} bytes (0x04, x, y); these are {encoded.Length}.",
                HpkeKeyProblem.NotUncompressed => $"A P-256 public key must be uncompressed (first byte 0x04); it starts with 0x{encoded[0]:x2}.",
                HpkeKeyProblem.CoordinateOutOfRange => "A P-256 public key coordinate is not below the field prime.",
                _ => "The public key is not a point of P-256.",
            });
        }

        return new HpkePublicKey(encoded.ToArray());
    }

    /// <summary>A copy of the 65-byte encoding, to publish or send.</summary>
    public byte[] ToArray() => _encoded.ToArray();

    /// <summary>The key from the point .NET computed for a private key: valid by construction, so not checked again.</summary>
    internal static HpkePublicKey FromOwnPoint(ECPoint q)
    {
        var encoded = new byte[Length];
        encoded[0] = 0x04;
        q.X.AsSpan().CopyTo(encoded.AsSpan(1, P256.CoordinateLength));
        q.Y.AsSpan().CopyTo(encoded.AsSpan(1 + P256.CoordinateLength, P256.CoordinateLength));
        return new HpkePublicKey(encoded);
    }

    /// <summary>
    /// The key as a key-agreement peer, imported at the first use and kept: a published key (see
    /// <see cref="PublishedKeys"/>) is encrypted to on every release sent to its node. Safe to share between threads; a race
    /// at the first use imports twice and keeps one.
    /// </summary>
    internal ECDiffieHellmanPublicKey AgreementKey
    {
        get
        {
            if (Volatile.Read(ref _agreementKey) is { } known)
            {
                return known;
            }

            using var ecdh = ToEcdh();
            var imported = ecdh.PublicKey;
            if (Interlocked.CompareExchange(ref _agreementKey, imported, null) is { } first)
            {
                imported.Dispose();
                return first;
            }

            return imported;
        }
    }

    /// <summary>The key as a .NET key-agreement object; the caller disposes it.</summary>
    internal ECDiffieHellman ToEcdh() => ECDiffieHellman.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint
        {
            X = _encoded.AsSpan(1, P256.CoordinateLength).ToArray(),
            Y = _encoded.AsSpan(1 + P256.CoordinateLength, P256.CoordinateLength).ToArray(),
        },
    });
}
