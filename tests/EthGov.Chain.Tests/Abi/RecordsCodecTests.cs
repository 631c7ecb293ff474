using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;

namespace EthGov.Chain.Tests.Abi;

public class RecordsCodecTests
{
    private static readonly Random s_random = new(5);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    public void EncodeCall_IsByteForByteNethereumsEncoding(int count)
    {
        var queries = Enumerable.Range(0, count)
            .Select(i => new RecordQuery(i % 5 == 0 ? uint.MaxValue - (uint)i : (uint)i, i % 3 == 0 ? Digest.Zero : Random(), Random()))
            .ToList();
        var binding = new RecordsFunction
        {
            Queries = queries.ConvertAll(q => new RecordQueryTuple { DepartmentId = q.DepartmentId, Root = q.Root.ToArray(), Digest = q.Digest.ToArray() }),
        };

        Assert.Equal("0x" + Convert.ToHexStringLower(binding.GetCallData()), RecordsCodec.EncodeCall(queries));
    }

    [Fact]
    public void DecodeViews_ReadsNethereumsEncodingOfTheOutput()
    {
        var views = Enumerable.Range(0, 6).Select(i => new RecordViewTuple
        {
            Anchored = i % 2 == 0,
            AnchoredAt = 1_700_000_000UL + (ulong)i,
            AnchoredBlock = ulong.MaxValue - (ulong)i,
            ValidUntil = (ulong)i * 86_400,
            DocumentCount = uint.MaxValue - (uint)i,
            KeyId = (ushort)(ushort.MaxValue - i),
            KeyCompromisedSince = i == 3 ? ulong.MaxValue : (ulong)i,
            Revoked = i % 3 == 0,
            Superseded = i % 3 == 1,
            RevocationReason = ushort.MaxValue,
            Successor = Random().ToArray(),
            DepartmentStatus = (byte)(i % 3),
        }).ToList();
        var encoded = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(RecordsOutput), new RecordsOutput { Views = views });

        var decoded = RecordsCodec.DecodeViews("0x" + Convert.ToHexStringLower(encoded), views.Count);

        Assert.Equal(views.Select(Text), decoded.Select(Text));
    }

    [Fact]
    public void DecodeViews_RefusesAnswersOfTheWrongShape()
    {
        var one = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(RecordsOutput), new RecordsOutput { Views = [new RecordViewTuple { Successor = new byte[32] }] });
        var hex = "0x" + Convert.ToHexStringLower(one);

        Assert.Throws<ChainOperationException>(() => RecordsCodec.DecodeViews(hex, 2));
        Assert.Throws<ChainOperationException>(() => RecordsCodec.DecodeViews("0x", 1));
        // The anchored word (the first of the first view) holding 2: not a bool.
        var notBool = hex[..(2 + 2 * 64 + 62)] + "02" + hex[(2 + 2 * 64 + 64)..];
        Assert.Throws<ChainOperationException>(() => RecordsCodec.DecodeViews(notBool, 1));
        // The departmentStatus word (the last) that does not fit uint8.
        var tooLarge = hex[..(2 + 13 * 64 + 60)] + "01" + hex[(2 + 13 * 64 + 62)..];
        Assert.Throws<ChainOperationException>(() => RecordsCodec.DecodeViews(tooLarge, 1));
    }

    private static Digest Random()
    {
        var bytes = new byte[32];
        s_random.NextBytes(bytes);
        return new Digest(bytes);
    }

    private static string Text(RecordViewTuple v)
        => $"{v.Anchored} {v.AnchoredAt} {v.AnchoredBlock} {v.ValidUntil} {v.DocumentCount} {v.KeyId} {v.KeyCompromisedSince} {v.Revoked} {v.Superseded} {v.RevocationReason} {Convert.ToHexString(v.Successor)} {v.DepartmentStatus}";

    private static string Text(StoredRecord r)
        => $"{r.Anchored} {r.AnchoredAt} {r.AnchoredBlock} {r.ValidUntil} {r.DocumentCount} {r.KeyId} {r.KeyCompromisedSince} {r.Revoked} {r.Superseded} {r.RevocationReason} {Convert.ToHexString(r.Successor.ToArray())} {(byte)r.DepartmentStatus}";
}
