using System.Numerics;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Signer.Crypto;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// A secp256k1 signer key inside a PKCS#11 module, as a Nethereum external signer: transactions (legacy, EIP-155 and
/// EIP-1559) are signed through <see cref="ExternalAccount"/>, EIP-712 messages through <see cref="SignDigest"/>. The
/// module signs the 32-byte digest with CKM_ECDSA; Ethereum then needs two things a module does not give: s in the
/// lower half of the group order (EIP-2: nodes refuse the other half), and the recovery id, which is found by recovering
/// the public key with both candidates and keeping the one that gives this key.
/// </summary>
public sealed class Pkcs11EthereumSigner : EthExternalSignerBase, IDisposable
{
    // The order n of secp256k1's group (SEC 2, 2.4.1).
    private static readonly BigInteger s_order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger s_halfOrder = s_order / 2;

    private readonly Pkcs11PrivateKey _key;

    private Pkcs11EthereumSigner(Pkcs11PrivateKey key)
    {
        _key = key;
        Address = new EthECKey(key.PublicPoint, isPrivate: false).GetPublicAddress();
    }

    /// <summary>The key's Ethereum address (checksummed).</summary>
    public string Address { get; }

    /// <summary>Where the key is.</summary>
    public Pkcs11Uri Uri => _key.Uri;

    /// <inheritdoc />
    public override bool CalculatesV { get; protected set; }

    /// <inheritdoc />
    public override ExternalSignerTransactionFormat ExternalSignerTransactionFormat { get; protected set; } = ExternalSignerTransactionFormat.Hash;

    /// <inheritdoc />
    public override bool Supported1559 => true;

    /// <summary>Opens the secp256k1 key <paramref name="uri"/> names.</summary>
    /// <exception cref="Pkcs11KeyException">The module, token, PIN or key is missing or refused, or the key is not secp256k1.</exception>
    public static Pkcs11EthereumSigner Open(Pkcs11Uri uri) => new(Pkcs11PrivateKey.Open(uri, EcCurve.Secp256k1));

    /// <summary>An account for Nethereum's clients that signs with this key for chain <paramref name="chainId"/>.</summary>
    public ExternalAccount ToAccount(ulong chainId)
    {
        var account = new ExternalAccount(Address, this, new BigInteger(chainId));
        account.InitialiseDefaultTransactionManager(null);
        return account;
    }

    /// <summary>
    /// Signs a 32-byte digest (an EIP-712 hash, a transaction hash); returns r || s || v, 65 bytes, with s low and
    /// v = 27 + the recovery id, as <c>ecrecover</c> and OpenZeppelin's ECDSA take it.
    /// </summary>
    /// <exception cref="Pkcs11KeyException">The module refuses, or its signature is not by this key.</exception>
    public byte[] SignDigest(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var signature = LowS(_key.SignDigest(digest));
        for (byte recoveryId = 0; recoveryId < 2; recoveryId++)
        {
            signature.V = [(byte)(27 + recoveryId)];
            var candidate = new EthECDSASignature(signature);
            if (string.Equals(EthECKey.RecoverFromSignature(candidate, digest)?.GetPublicAddress(), Address, StringComparison.Ordinal))
            {
                return [.. ToBytes32(signature.R), .. ToBytes32(signature.S), signature.V[0]];
            }
        }

        throw new Pkcs11KeyException($"{_key.Uri.Describe()}: the module's signature does not recover to the key's address {Address}");
    }

    /// <summary>Closes the key's session.</summary>
    public void Dispose() => _key.Dispose();

    /// <inheritdoc />
    public override Task SignAsync(LegacyTransactionChainId transaction) => SignHashTransactionAsync(transaction);

    /// <inheritdoc />
    public override Task SignAsync(LegacyTransaction transaction) => SignHashTransactionAsync(transaction);

    /// <inheritdoc />
    public override Task SignAsync(Transaction1559 transaction) => SignHashTransactionAsync(transaction);

    /// <inheritdoc />
    public override Task SignAsync(Transaction7702 transaction) => SignHashTransactionAsync(transaction);

    /// <inheritdoc />
    protected override Task<byte[]> GetPublicKeyAsync() => Task.FromResult(_key.PublicPoint.ToArray());

    // The base class finds the recovery id for transactions (v, y-parity or EIP-155 v, as each kind needs) from the public key.
    /// <inheritdoc />
    protected override Task<ECDSASignature> SignExternallyAsync(byte[] bytes) => Task.FromResult(LowS(_key.SignDigest(bytes)));

    // (r, s) and (r, n - s) are both valid; Ethereum accepts only s <= n / 2.
    private static ECDSASignature LowS(byte[] rs)
    {
        var s = new BigInteger(rs.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var low = s > s_halfOrder ? s_order - s : s;
        return new ECDSASignature(
            new Org.BouncyCastle.Math.BigInteger(1, rs, 0, 32),
            new Org.BouncyCastle.Math.BigInteger(1, low.ToByteArray(isUnsigned: true, isBigEndian: true)));
    }

    private static byte[] ToBytes32(Org.BouncyCastle.Math.BigInteger value)
    {
        var unsigned = value.ToByteArrayUnsigned();
        var bytes = new byte[32];
        unsigned.CopyTo(bytes, 32 - unsigned.Length);
        return bytes;
    }
}
