using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EthGov.Chain.Transactions;
using EthGov.Core.Records;

namespace EthGov.Application.Records;

/// <summary>
/// The node's data key: 32 secret bytes that encrypt the records it keeps (AES-256-GCM) and key the person identifiers it
/// can find them by (HMAC-SHA256). Two subkeys are derived from it with HKDF-SHA256, one per use, so a key never serves
/// both a cipher and a MAC. It never leaves the node and is never published.
/// </summary>
/// <remarks>
/// <para>A data key spec (configuration <c>EthGov:DataKey</c>) is <c>dev:N</c> or a file:</para>
/// <list type="bullet">
/// <item><c>dev:N</c> (N from 0 to 9): derived from SHA-256 of a fixed label and N, the same on every machine, so anyone
/// can derive it; accepted only on chain 31337, like the dev node keys.</item>
/// <item>a file holding the 32 bytes as 64 hex digits, as <see cref="CreateFile"/> writes it (readable by its owner only).</item>
/// </list>
/// </remarks>
public sealed class NodeDataKey : IDisposable
{
    /// <summary>The key's length in bytes.</summary>
    public const int Size = 32;

    /// <summary>How many <c>dev:N</c> keys there are (dev:0 .. dev:9).</summary>
    public const int DevKeyCount = 10;

    /// <summary>What <c>ethgov node keygen</c> appends to the node key file's name for the data key file.</summary>
    public const string FileSuffix = ".data";

    /// <summary>The AES-GCM nonce's length in bytes, written before each ciphertext.</summary>
    public const int NonceSize = 12;

    /// <summary>The AES-GCM tag's length in bytes, written after each ciphertext.</summary>
    public const int TagSize = 16;

    private const string DevLabel = "EthGov development node data key";

    private readonly byte[] _contentKey;
    private readonly byte[] _personKey;

    private NodeDataKey(byte[] key)
    {
        _contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, Size, info: Encoding.UTF8.GetBytes("ethgov:records:content"));
        _personKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, Size, info: Encoding.UTF8.GetBytes("ethgov:records:person"));
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>Loads the key a spec names (see the remarks) for a node on chain <paramref name="chainId"/>.</summary>
    /// <exception cref="ArgumentException">The spec is empty or names no dev key.</exception>
    /// <exception cref="InvalidOperationException">A <c>dev:N</c> spec on a chain other than 31337.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file does not hold 64 hex digits.</exception>
    public static NodeDataKey Load(string spec, ulong chainId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec.StartsWith("dev:", StringComparison.Ordinal))
        {
            if (!int.TryParse(spec.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= DevKeyCount)
            {
                throw new ArgumentException($"'{spec}' names no dev data key (dev:0 .. dev:{DevKeyCount - 1})", nameof(spec));
            }

            if (chainId != ChainOptions.DevAccountsChainId)
            {
                throw new InvalidOperationException($"the dev data key '{spec}' is accepted only on chain {ChainOptions.DevAccountsChainId}, not {chainId}; create a key file with `ethgov node keygen`");
            }

            return new NodeDataKey(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{DevLabel} {index}"))));
        }

        if (!File.Exists(spec))
        {
            throw new FileNotFoundException($"data key file '{spec}' does not exist (create it with `ethgov node keygen`)", spec);
        }

        var text = File.ReadAllText(spec).Trim();
        if (text.Length != 2 * Size || !text.All(char.IsAsciiHexDigit))
        {
            throw new InvalidDataException($"'{spec}' is not a data key file: it must hold {Size} bytes as {2 * Size} hex digits");
        }

        return new NodeDataKey(Convert.FromHexString(text));
    }

    /// <summary>
    /// Creates a fresh random key and writes it to <paramref name="path"/> as 64 hex digits, readable and writable by its
    /// owner only, in one step that fails when anything, a link included, already has the name.
    /// </summary>
    /// <exception cref="IOException">A file or link with that name exists.</exception>
    public static NodeDataKey CreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var key = RandomNumberGenerator.GetBytes(Size);
        var text = Convert.ToHexStringLower(key) + "\n";
        EthGov.Chain.Keys.NewFile.Write(path, text, ownerOnly: true);
        return new NodeDataKey(key);
    }

    /// <summary>A fresh random key kept in memory only (tests, throwaway nodes).</summary>
    public static NodeDataKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>HMAC-SHA256 of the normalised <paramref name="person"/> (see <see cref="Core.Records.PersonKey"/>) under the person subkey.</summary>
    /// <exception cref="ArgumentException">The identifier is empty or too long.</exception>
    public byte[] PersonKey(string person)
        => HMACSHA256.HashData(_personKey, Encoding.UTF8.GetBytes(Core.Records.PersonKey.Normalize(person)));

    /// <summary>Encrypts <paramref name="plaintext"/> bound to <paramref name="associatedData"/>: nonce || ciphertext || tag.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_contentKey, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), associatedData);
        return sealedBytes;
    }

    /// <summary>Decrypts what <see cref="Seal"/> wrote with the same <paramref name="associatedData"/>.</summary>
    /// <exception cref="CryptographicException">The bytes were altered, are bound to other data, or were sealed under another key.</exception>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"sealed content is at least {NonceSize + TagSize} bytes, not {sealedBytes.Length}");
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(_contentKey, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, length), sealedBytes[(NonceSize + length)..], plaintext, associatedData);
        return plaintext;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_contentKey);
        CryptographicOperations.ZeroMemory(_personKey);
    }
}
