using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Core.Exchange;

/// <summary>
/// One access of a grantee to a holder's record, as the grantee logs it on chain before the holder releases anything:
/// a leaf of an access-log batch (<c>logAccessBatch</c>). Its <see cref="Hash"/> binds the chain, the registry, the
/// grant, the record, both departments and the grantee's request, so that one log entry serves one request only.
/// </summary>
/// <param name="ChainId">The chain the registry lives on.</param>
/// <param name="Registry">The registry's address, <c>0x</c> + 40 hex digits; kept lowercase.</param>
/// <param name="GrantId">The grant the access rests on (uint256).</param>
/// <param name="RecordId">The record asked for, or for a kind query the record kind's id.</param>
/// <param name="Holder">The department that holds the record.</param>
/// <param name="Grantee">The department that asks.</param>
/// <param name="RequestId">32 random bytes the grantee chose when it created the exchange.</param>
/// <param name="QueryDigest">SHA-256 of the sealed query of a kind query; zero otherwise.</param>
public sealed record AccessEntry(
    ulong ChainId,
    string Registry,
    BigInteger GrantId,
    Digest RecordId,
    uint Holder,
    uint Grantee,
    Digest RequestId,
    Digest QueryDigest)
{
    /// <summary>Number of 32-byte words in the ABI encoding the hash is taken over.</summary>
    public const int EncodedWords = 9;

    /// <summary>keccak256("EthGov.AccessEntry.v1"): the first word of every entry's encoding, so no other hashed tuple can collide with one.</summary>
    public static Digest Domain { get; } = new(Keccak256.Hash("EthGov.AccessEntry.v1"u8));

    private static readonly BigInteger s_maxUint256 = (BigInteger.One << 256) - 1;

    private static readonly System.Buffers.SearchValues<char> s_hexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The registry's address, lowercase.</summary>
    /// <exception cref="ArgumentException">The address is not <c>0x</c> + 40 hex digits.</exception>
    public string Registry { get; init => field = NormalizeAddress(value); } = NormalizeAddress(Registry);

    /// <summary>The grant id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative or does not fit in uint256.</exception>
    public BigInteger GrantId { get; init => field = CheckGrantId(value); } = CheckGrantId(GrantId);

    /// <summary>
    /// keccak256(abi.encode(bytes32 DOMAIN, uint256 chainId, address registry, uint256 grantId, bytes32 recordId,
    /// uint32 holder, uint32 grantee, bytes32 requestId, bytes32 queryDigest)): every member is a static type, so the
    /// encoding is nine 32-byte words, numbers and the address right-aligned, written out here without an ABI library.
    /// </summary>
    public Digest Hash()
    {
        Span<byte> encoded = stackalloc byte[EncodedWords * 32];
        Encode(encoded);
        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(encoded, hash);
        return new Digest(hash);
    }

    /// <summary>Writes the ABI encoding that <see cref="Hash"/> hashes (9 words, 288 bytes).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 288 bytes.</exception>
    public void Encode(Span<byte> destination)
    {
        if (destination.Length < EncodedWords * 32)
        {
            throw new ArgumentException($"Destination must hold {EncodedWords * 32} bytes.", nameof(destination));
        }

        var words = destination[..(EncodedWords * 32)];
        words.Clear();
        Domain.CopyTo(words);
        BinaryPrimitives.WriteUInt64BigEndian(words.Slice((2 * 32) - 8, 8), ChainId);
        Convert.FromHexString(Registry.AsSpan(2), words.Slice((2 * 32) + 12, 20), out _, out _);
        GrantId.TryWriteBytes(words.Slice(3 * 32, 32)[(32 - GrantId.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        RecordId.CopyTo(words[(4 * 32)..]);
        BinaryPrimitives.WriteUInt32BigEndian(words.Slice((6 * 32) - 4, 4), Holder);
        BinaryPrimitives.WriteUInt32BigEndian(words.Slice((7 * 32) - 4, 4), Grantee);
        RequestId.CopyTo(words[(7 * 32)..]);
        QueryDigest.CopyTo(words[(8 * 32)..]);
    }

    /// <summary>The address lowercase, or an exception saying why it is none.</summary>
    /// <exception cref="ArgumentException">Not <c>0x</c> + 40 hex digits.</exception>
    public static string NormalizeAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Length == 42 && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && address.AsSpan(2).IndexOfAnyExcept(s_hexDigits) < 0
            ? string.Create(CultureInfo.InvariantCulture, $"0x{address[2..].ToLowerInvariant()}")
            : throw new ArgumentException($"'{address}' is not an address (0x + 40 hex digits).", nameof(address));
    }

    private static BigInteger CheckGrantId(BigInteger id) => id < 0 || id > s_maxUint256
        ? throw new ArgumentOutOfRangeException(nameof(id), id, "A grant id is a uint256.")
        : id;
}
