using System.Buffers.Binary;
using EthGov.Chain.Abi;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using Nethereum.Contracts;

namespace EthGov.Chain.Bindings;

/// <summary>One question for the registry's <c>records</c>: <see cref="Root"/> zero asks for the department's single anchor.</summary>
internal readonly record struct RecordQuery(uint DepartmentId, Digest Root, Digest Digest);

/// <summary>
/// The calldata of <c>records((uint32,bytes32,bytes32)[])</c> and the decoding of its <c>RecordView[]</c>, written out by
/// hand. Nethereum's attribute-driven encoder and decoder, measured on an earlier form of this call, cost about 0.08
/// and 0.05 ms of CPU per query: 35 ms for a call of 256, more than the node spent answering it, on the path of every
/// first verification. The layout is fixed by the ABI specification (a tuple of static types is written inline) and
/// checked byte for byte against Nethereum's own encoding in the tests.
/// </summary>
internal static class RecordsCodec
{
    private const int Word = 32;

    // RecordQuery: departmentId, root, digest.
    private const int QueryWords = 3;

    // RecordView: anchored, anchoredAt, anchoredBlock, validUntil, documentCount, keyId, keyCompromisedSince, revoked,
    // superseded, revocationReason, successor, departmentStatus.
    private const int ViewWords = 12;

    private static readonly byte[] s_selector = Convert.FromHexString(ABITypedRegistry.GetFunctionABI<RecordsFunction>().Sha3Signature);

    /// <summary>The 0x-prefixed calldata asking <paramref name="queries"/>.</summary>
    public static string EncodeCall(IReadOnlyList<RecordQuery> queries)
    {
        // Head: offset of the array; array: length, then each query inline.
        var data = new byte[s_selector.Length + (2 + QueryWords * queries.Count) * Word];
        s_selector.CopyTo(data, 0);
        var body = data.AsSpan(s_selector.Length);
        WriteWord(body, 0, Word);
        WriteWord(body, 1, (ulong)queries.Count);
        for (int i = 0; i < queries.Count; i++)
        {
            int at = 2 + QueryWords * i;
            WriteWord(body, at, queries[i].DepartmentId);
            queries[i].Root.CopyTo(body.Slice((at + 1) * Word, Word));
            queries[i].Digest.CopyTo(body.Slice((at + 2) * Word, Word));
        }

        return "0x" + Convert.ToHexStringLower(data);
    }

    /// <summary>The <paramref name="expected"/> records of a <c>records</c> answer.</summary>
    /// <exception cref="ChainOperationException">The answer is not <paramref name="expected"/> well-formed records.</exception>
    public static List<StoredRecord> DecodeViews(string hex, int expected)
    {
        var text = hex.AsSpan(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0);
        if (text.Length != (2 + expected * ViewWords) * Word * 2)
        {
            throw Malformed($"{text.Length / 2} bytes for {expected} records");
        }

        var data = Convert.FromHexString(text);
        if (ReadWord(data, 0, 8) != Word || ReadWord(data, 1, 8) != (ulong)expected)
        {
            throw Malformed("unexpected array offset or length");
        }

        var views = new List<StoredRecord>(expected);
        for (int i = 0; i < expected; i++)
        {
            int at = 2 + i * ViewWords;
            views.Add(new StoredRecord(
                Anchored: ReadBool(data, at),
                AnchoredAt: ReadWord(data, at + 1, 8),
                AnchoredBlock: ReadWord(data, at + 2, 8),
                ValidUntil: ReadWord(data, at + 3, 8),
                DocumentCount: (uint)ReadWord(data, at + 4, 4),
                KeyId: (ushort)ReadWord(data, at + 5, 2),
                KeyCompromisedSince: ReadWord(data, at + 6, 8),
                Revoked: ReadBool(data, at + 7),
                Superseded: ReadBool(data, at + 8),
                RevocationReason: (ushort)ReadWord(data, at + 9, 2),
                Successor: new Digest(data.AsSpan((at + 10) * Word, Word)),
                DepartmentStatus: (DepartmentStatus)ReadWord(data, at + 11, 1)));
        }

        return views;
    }

    private static void WriteWord(Span<byte> body, int index, ulong value)
        => BinaryPrimitives.WriteUInt64BigEndian(body.Slice((index + 1) * Word - 8, 8), value);

    private static bool ReadBool(byte[] data, int index)
        => ReadWord(data, index, 1) switch
        {
            0 => false,
            1 => true,
            _ => throw Malformed($"word {index} is not a bool"),
        };

    // The word's value, which must fit in its last `bytes` bytes, as the ABI pads smaller integers.
    private static ulong ReadWord(byte[] data, int index, int bytes)
    {
        var word = data.AsSpan(index * Word, Word);
        if (word[..(Word - bytes)].ContainsAnyExcept((byte)0))
        {
            throw Malformed($"word {index} does not fit {bytes * 8} bits");
        }

        ulong value = 0;
        foreach (byte b in word[(Word - bytes)..])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static ChainOperationException Malformed(string detail)
        => new(ChainError.Rejected($"records answered malformed data: {detail}"));
}
