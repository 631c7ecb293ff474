using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using EthGov.Chain.Keys.Pkcs11;
using EthGov.Chain.Transactions;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Application.Nodes;

/// <summary>
/// A department node's own keys, both on curve P-256: <see cref="Signing"/> signs the node's requests to other nodes, and
/// <see cref="Encryption"/> opens content other nodes encrypt to it (HPKE). Their public halves are what the department
/// publishes on chain with its node's URL. Signer keys (secp256k1) sign transactions; these never do.
/// </summary>
/// <remarks>
/// <para>A node key spec (configuration <c>EthGov:NodeKey</c>, the CLI's <c>--node-key</c>) is <c>dev:N</c>, a file or a
/// PKCS#11 URI:</para>
/// <list type="bullet">
/// <item><c>dev:N</c> (N from 0 to 9): keys derived from SHA-256 of a fixed label and N, the same on every machine, so
/// anyone can derive them; accepted only on chain 31337, like Hardhat's dev accounts.</item>
/// <item>a PEM file holding two unencrypted PKCS#8 P-256 private keys, the signing key first, as <see cref="CreateFile"/>
/// writes it (readable by its owner only).</item>
/// <item><c>pkcs11:token=T;object=L?module-path=...</c> (see <see cref="Pkcs11Uri"/>): two P-256 key pairs in token T,
/// labelled L + <see cref="Pkcs11SigningSuffix"/> (may sign) and L + <see cref="Pkcs11EncryptionSuffix"/> (may derive),
/// as <c>ethgov keys pkcs11 new --node</c> creates them. Both private keys stay in the module: requests are signed
/// through C_Sign and HPKE's Diffie-Hellman runs through C_DeriveKey (CKM_ECDH1_DERIVE).</item>
/// </list>
/// <para>Dispose the instance when done: it holds two .NET key objects.</para>
/// </remarks>
public sealed class NodeKeys : IDisposable
{
    /// <summary>How many <c>dev:N</c> keys there are (dev:0 .. dev:9).</summary>
    public const int DevKeyCount = 10;

    /// <summary>What the public-key file beside a key file is called: the key file's name and this suffix.</summary>
    public const string PublicFileSuffix = ".pub";

    /// <summary>What the signing key of a node key in a PKCS#11 token is labelled: the URI's object and this suffix.</summary>
    public const string Pkcs11SigningSuffix = "-signing";

    /// <summary>What the encryption (HPKE) key of a node key in a PKCS#11 token is labelled: the URI's object and this suffix.</summary>
    public const string Pkcs11EncryptionSuffix = "-encryption";

    private const string PrivateKeyLabel = "PRIVATE KEY";
    private const string PublicKeyLabel = "PUBLIC KEY";
    private const string DevLabel = "EthGov development node key";

    // The order n of P-256's group, big-endian (FIPS 186-4 D.1.2.3): a private scalar lies in [1, n - 1].
    private static readonly BigInteger s_order = BigInteger.Parse(
        "0ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private NodeKeys(ECDsa signing, HpkePrivateKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
        SigningPublicKey = EcdsaP256Sha256.ExportPublicKey(signing);
        EncryptionPublicKey = encryption.PublicKey.Encoded[1..].ToArray();
    }

    /// <summary>The signing key (ECDSA P-256), for <see cref="EcdsaP256Sha256"/> and RFC 9421 signatures.</summary>
    public ECDsa Signing { get; }

    /// <summary>The encryption key, for <see cref="HpkeBaseMode"/> (DHKEM P-256).</summary>
    public HpkePrivateKey Encryption { get; }

    /// <summary>The public half of <see cref="Signing"/>, x || y (64 bytes), as published on chain.</summary>
    public byte[] SigningPublicKey { get; }

    /// <summary>The public half of <see cref="Encryption"/>, x || y (64 bytes), as published on chain.</summary>
    public byte[] EncryptionPublicKey { get; }

    /// <summary>Both public halves, as published on chain.</summary>
    public NodePublicKeys PublicKeys => new(SigningPublicKey.ToArray(), EncryptionPublicKey.ToArray());

    /// <summary>Loads the keys a spec names (see the remarks) for a node on chain <paramref name="chainId"/>.</summary>
    /// <exception cref="ArgumentException">The spec is empty or names no dev key (<c>dev:x</c> outside dev:0 .. dev:9).</exception>
    /// <exception cref="InvalidOperationException">A <c>dev:N</c> spec on a chain other than 31337.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not two PKCS#8 P-256 private keys in PEM.</exception>
    /// <exception cref="Pkcs11KeyException">The PKCS#11 module, token, PIN or one of the two keys is missing or refused.</exception>
    public static NodeKeys Load(string spec, ulong chainId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (DevIndex(spec) is { } index)
        {
            RequireDevChain(spec, chainId);
            return Dev(index);
        }

        if (Pkcs11Uri.IsPkcs11(spec))
        {
            return FromPkcs11(Pkcs11Uri.Parse(spec));
        }

        var blocks = ReadPem(spec, PrivateKeyLabel);
        return blocks.Count == 2
            ? FromPkcs8(spec, blocks[0], blocks[1])
            : throw new InvalidDataException($"'{spec}' is not a node key file: it must hold two PEM blocks '{PrivateKeyLabel}' (the signing key, then the encryption key), not {blocks.Count}");
    }

    /// <summary><see cref="Load(string, ulong)"/> for a chain id given as a signed number, as .NET's signing APIs take it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chainId"/> is negative.</exception>
    public static NodeKeys Load(string spec, long chainId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chainId);
        return Load(spec, (ulong)chainId);
    }

    /// <summary>
    /// The public halves a spec names, for publishing them: <c>dev:N</c> or a key file as for <see cref="Load(string, ulong)"/>,
    /// or a public-key file as <see cref="CreateFile"/> writes beside the key file (two PEM blocks <c>PUBLIC KEY</c>), so
    /// that whoever deploys the registry needs no department's private keys.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is empty or names no dev key.</exception>
    /// <exception cref="InvalidOperationException">A <c>dev:N</c> spec on a chain other than 31337.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds neither two P-256 private keys nor two P-256 public keys.</exception>
    public static NodePublicKeys LoadPublic(string spec, ulong chainId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        // A file with public keys says so in its first PEM label; anything else is loaded as the keys themselves.
        if (DevIndex(spec) is not null || !File.Exists(spec) || !File.ReadAllText(spec).Contains($"-----BEGIN {PublicKeyLabel}-----", StringComparison.Ordinal))
        {
            using var keys = Load(spec, chainId);
            return keys.PublicKeys;
        }

        var blocks = ReadPem(spec, PublicKeyLabel);
        if (blocks.Count != 2)
        {
            throw new InvalidDataException($"'{spec}' is not a node public-key file: it must hold two PEM blocks '{PublicKeyLabel}' (the signing key, then the encryption key), not {blocks.Count}");
        }

        return new NodePublicKeys(PublicPoint(spec, blocks[0], "signing"), PublicPoint(spec, blocks[1], "encryption"));
    }

    /// <summary>
    /// Creates two fresh keys and writes them to <paramref name="path"/> as PEM, readable and writable by its owner only,
    /// and their public halves to <paramref name="path"/> + <see cref="PublicFileSuffix"/>. Each file is created in one
    /// step that fails when anything, a link included, already has its name, so no other process can slip a file or a
    /// link in between a check and the write; when the public file cannot be created, the key file is removed again.
    /// </summary>
    /// <exception cref="IOException">A file or link with either name exists.</exception>
    public static NodeKeys CreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var keys = Generate();
        try
        {
            EthGov.Chain.Keys.NewFile.Write(path, keys.ExportPem(), ownerOnly: true);
            try
            {
                EthGov.Chain.Keys.NewFile.Write(path + PublicFileSuffix, keys.ExportPublicPem(), ownerOnly: false);
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }
        catch
        {
            keys.Dispose();
            throw;
        }

        return keys;
    }

    /// <summary>Two fresh random keys.</summary>
    public static NodeKeys Generate()
        => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), HpkePrivateKey.Generate());

    /// <summary>Both private keys as PEM: two PKCS#8 blocks, the signing key first. Write it nowhere but a file only its owner reads.</summary>
    public string ExportPem()
    {
        using var encryption = ECDsa.Create();
        var scalar = Encryption.ExportBytes();
        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar };
        try
        {
            encryption.ImportParameters(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }

        return new StringBuilder()
            .AppendLine(PemEncoding.WriteString(PrivateKeyLabel, Signing.ExportPkcs8PrivateKey()))
            .AppendLine(PemEncoding.WriteString(PrivateKeyLabel, encryption.ExportPkcs8PrivateKey()))
            .ToString();
    }

    /// <summary>Both public keys as PEM: two SubjectPublicKeyInfo blocks, the signing key first.</summary>
    public string ExportPublicPem()
    {
        using var encryption = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = EncryptionPublicKey[..32], Y = EncryptionPublicKey[32..] },
        });
        return new StringBuilder()
            .AppendLine(PemEncoding.WriteString(PublicKeyLabel, Signing.ExportSubjectPublicKeyInfo()))
            .AppendLine(PemEncoding.WriteString(PublicKeyLabel, encryption.ExportSubjectPublicKeyInfo()))
            .ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Signing.Dispose();
        Encryption.Dispose();
    }

    private static int? DevIndex(string spec)
    {
        if (!spec.StartsWith("dev:", StringComparison.Ordinal))
        {
            return null;
        }

        return int.TryParse(spec.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < DevKeyCount
            ? index
            : throw new ArgumentException($"'{spec}' names no dev node key (dev:0 .. dev:{DevKeyCount - 1})", nameof(spec));
    }

    private static void RequireDevChain(string spec, ulong chainId)
    {
        if (chainId != ChainOptions.DevAccountsChainId)
        {
            throw new InvalidOperationException($"the dev node key '{spec}' is accepted only on chain {ChainOptions.DevAccountsChainId}, not {chainId}; create a key file with `ethgov node keygen`");
        }
    }

    // Public knowledge by design: anyone derives the same keys, so they are fit for a dev chain only.
    private static NodeKeys Dev(int index)
    {
        var signingScalar = DevScalar("signing", index);
        var encryptionScalar = DevScalar("encryption", index);
        try
        {
            return new NodeKeys(
                ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = signingScalar }),
                HpkePrivateKey.FromBytes(encryptionScalar));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(signingScalar);
            CryptographicOperations.ZeroMemory(encryptionScalar);
        }
    }

    /// <summary>SHA-256 of "EthGov development node key {purpose} {index}", reduced into [1, n - 1], as 32 bytes big-endian.</summary>
    private static byte[] DevScalar(string purpose, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{DevLabel} {purpose} {index}")));
        var scalar = (new BigInteger(hash, isUnsigned: true, isBigEndian: true) % (s_order - 1)) + 1;
        var bytes = new byte[32];
        scalar.TryWriteBytes(bytes.AsSpan(32 - scalar.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    private static NodeKeys FromPkcs11(Pkcs11Uri uri)
    {
        if (uri.ObjectLabel is null)
        {
            throw new ArgumentException($"a node key in a PKCS#11 token is named by its label (object=<label>: the keys <label>{Pkcs11SigningSuffix} and <label>{Pkcs11EncryptionSuffix}), not by an id");
        }

        var signing = Pkcs11Ecdsa.Open(uri.WithObjectLabel(uri.ObjectLabel + Pkcs11SigningSuffix));
        try
        {
            return new NodeKeys(signing, HpkePrivateKey.FromKeyAgreement(Pkcs11Ecdh.Open(uri.WithObjectLabel(uri.ObjectLabel + Pkcs11EncryptionSuffix))));
        }
        catch
        {
            signing.Dispose();
            throw;
        }
    }

    private static NodeKeys FromPkcs8(string path, byte[] signingDer, byte[] encryptionDer)
    {
        var signing = ImportPrivate(path, signingDer, "signing");
        try
        {
            using var encryption = ImportPrivate(path, encryptionDer, "encryption");
            var parameters = encryption.ExportParameters(includePrivateParameters: true);
            try
            {
                return new NodeKeys(signing, HpkePrivateKey.FromBytes(parameters.D));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
        catch
        {
            signing.Dispose();
            throw;
        }
    }

    private static ECDsa ImportPrivate(string path, byte[] der, string which)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(der, out _);
            RequireP256(path, key, which);
            return key;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new InvalidDataException($"'{path}': the {which} key is not a PKCS#8 P-256 private key", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static byte[] PublicPoint(string path, byte[] der, string which)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out _);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"'{path}': the {which} key is not a P-256 public key", ex);
        }

        RequireP256(path, key, which);
        return EcdsaP256Sha256.ExportPublicKey(key);
    }

    private static void RequireP256(string path, ECDsa key, string which)
    {
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new InvalidDataException($"'{path}': the {which} key is not on curve P-256");
        }
    }

    // The DER of every PEM block in the file, in order; a block with another label makes the file unfit.
    private static List<byte[]> ReadPem(string path, string label)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"node key file '{path}' does not exist (create it with `ethgov node keygen --out {path}`)", path);
        }

        var text = File.ReadAllText(path).AsSpan();
        var blocks = new List<byte[]>();
        while (PemEncoding.TryFind(text, out var fields))
        {
            var found = text[fields.Label].ToString();
            if (found != label)
            {
                throw new InvalidDataException($"'{path}' holds a PEM block '{found}' where a node key file holds '{label}'");
            }

            blocks.Add(Convert.FromBase64String(text[fields.Base64Data].ToString()));
            text = text[fields.Location.End..];
        }

        return blocks;
    }
}
