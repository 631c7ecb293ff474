using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using EthGov.Core.Digests;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;

namespace EthGov.Chain.Tests.Abi;

public class CheckManyMembersCodecTests
{
    private static readonly Random s_random = new(5);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    public void EncodeCall_IsByteForByteNethereumsEncoding(int count)
    {
        var queries = Enumerable.Range(0, count).Select(i => new MemberQuery(i % 3 == 0 ? Digest.Zero : Random(), Random())).ToList();
        var binding = new CheckManyMembersFunction
        {
            Queries = queries.ConvertAll(q => new MemberQueryTuple { Root = q.Root.ToArray(), Digest = q.Digest.ToArray() }),
        };

        Assert.Equal("0x" + Convert.ToHexStringLower(binding.GetCallData()), CheckManyMembersCodec.EncodeCall(queries));
    }

    [Fact]
    public void DecodeViews_ReadsNethereumsEncodingOfTheOutput()
    {
        var views = Enumerable.Range(0, 5).Select(i => new DocumentViewTuple
        {
            Status = (byte)i,
            DepartmentId = uint.MaxValue - (uint)i,
            DepartmentStatus = 2,
            AnchoredAt = 1_700_000_000UL + (ulong)i,
            AnchoredBlock = ulong.MaxValue - (ulong)i,
            ValidUntil = (ulong)i * 86_400,
            RevocationReason = ushort.MaxValue,
            Successor = Random().ToArray(),
        }).ToList();
        var encoded = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(CheckManyOutput), new CheckManyOutput { Views = views });

        var decoded = CheckManyMembersCodec.DecodeViews("0x" + Convert.ToHexStringLower(encoded), views.Count);

        Assert.Equal(views.Select(Text), decoded.Select(Text));
    }

    [Fact]
    public void DecodeViews_RefusesAnswersOfTheWrongShape()
    {
        var one = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(CheckManyOutput), new CheckManyOutput { Views = [new DocumentViewTuple { Successor = new byte[32] }] });
        var hex = "0x" + Convert.ToHexStringLower(one);

        Assert.Throws<ChainOperationException>(() => CheckManyMembersCodec.DecodeViews(hex, 2));
        Assert.Throws<ChainOperationException>(() => CheckManyMembersCodec.DecodeViews("0x", 1));
        // A status word that does not fit uint8.
        var tooLarge = hex[..(2 + 2 * 64 + 60)] + "01" + hex[(2 + 2 * 64 + 62)..];
        Assert.Throws<ChainOperationException>(() => CheckManyMembersCodec.DecodeViews(tooLarge, 1));
    }

    private static Digest Random()
    {
        var bytes = new byte[32];
        s_random.NextBytes(bytes);
        return new Digest(bytes);
    }

    private static string Text(DocumentViewTuple v)
        => $"{v.Status} {v.DepartmentId} {v.DepartmentStatus} {v.AnchoredAt} {v.AnchoredBlock} {v.ValidUntil} {v.RevocationReason} {Convert.ToHexString(v.Successor)}";
}
