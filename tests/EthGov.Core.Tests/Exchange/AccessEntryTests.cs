using System.Numerics;
using System.Security.Cryptography;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using Nethereum.ABI;
using Nethereum.Util;

namespace EthGov.Core.Tests.Exchange;

public class AccessEntryTests
{
    private const string Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    [Fact]
    public void Domain_IsKeccakOfItsLabel_AsNethereumComputesIt()
    {
        var expected = Sha3Keccack.Current.CalculateHash("EthGov.AccessEntry.v1"u8.ToArray());

        Assert.Equal(new Digest(expected), AccessEntry.Domain);
    }

    [Fact]
    public void Hash_TypicalEntry_EqualsKeccakOfNethereumAbiEncoding()
    {
        var entry = Entry(grantId: 42, holder: 1, grantee: 2, queryDigest: Digest.Zero);

        Assert.Equal(ReferenceHash(entry), entry.Hash());
    }

    [Fact]
    public void Hash_ExtremeValues_EqualsKeccakOfNethereumAbiEncoding()
    {
        var entry = Entry(grantId: (BigInteger.One << 256) - 1, holder: uint.MaxValue, grantee: uint.MaxValue, queryDigest: RandomDigest()) with
        {
            ChainId = ulong.MaxValue,
        };

        Assert.Equal(ReferenceHash(entry), entry.Hash());
    }

    [Fact]
    public void Hash_ManyRandomEntries_EqualKeccakOfNethereumAbiEncoding()
    {
        for (int i = 0; i < 200; i++)
        {
            var entry = new AccessEntry(
                (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << RandomNumberGenerator.GetInt32(32),
                "0x" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                new BigInteger(RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(1, 33)), isUnsigned: true, isBigEndian: true),
                RandomDigest(),
                (uint)RandomNumberGenerator.GetInt32(int.MaxValue),
                (uint)RandomNumberGenerator.GetInt32(int.MaxValue),
                RandomDigest(),
                i % 2 == 0 ? Digest.Zero : RandomDigest());

            Assert.Equal(ReferenceHash(entry), entry.Hash());
        }
    }

    [Fact]
    public void Hash_EachFieldChanged_ChangesTheHash()
    {
        var entry = Entry(grantId: 7, holder: 1, grantee: 2, queryDigest: Digest.Zero);
        var variants = new[]
        {
            entry with { ChainId = 1 },
            entry with { Registry = "0x0000000000000000000000000000000000000001" },
            entry with { GrantId = 8 },
            entry with { RecordId = RandomDigest() },
            entry with { Holder = 3 },
            entry with { Grantee = 3 },
            entry with { RequestId = RandomDigest() },
            entry with { QueryDigest = RandomDigest() },
        };

        Assert.Equal(variants.Length + 1, variants.Select(v => v.Hash()).Append(entry.Hash()).Distinct().Count());
    }

    [Fact]
    public void Registry_MixedCase_IsKeptLowercaseAndHashesAlike()
    {
        var mixed = Entry(grantId: 7, holder: 1, grantee: 2, queryDigest: Digest.Zero);
        var lower = mixed with { Registry = Registry.ToLowerInvariant() };

        Assert.Equal(Registry.ToLowerInvariant(), mixed.Registry);
        Assert.Equal(lower.Hash(), mixed.Hash());
    }

    [Theory]
    [InlineData("5FbDB2315678afecb367f032d93F642f64180aa3")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180aa")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180ag3")]
    public void Constructor_NotAnAddress_Throws(string registry)
    {
        Assert.Throws<ArgumentException>(() => Entry(grantId: 1, holder: 1, grantee: 2, queryDigest: Digest.Zero) with { Registry = registry });
    }

    [Fact]
    public void Constructor_GrantIdOutsideUint256_Throws()
    {
        var entry = Entry(grantId: 1, holder: 1, grantee: 2, queryDigest: Digest.Zero);

        Assert.Throws<ArgumentOutOfRangeException>(() => entry with { GrantId = BigInteger.One << 256 });
        Assert.Throws<ArgumentOutOfRangeException>(() => entry with { GrantId = -1 });
    }

    private static AccessEntry Entry(BigInteger grantId, uint holder, uint grantee, Digest queryDigest) =>
        new(31337, Registry, grantId, RandomDigest(), holder, grantee, RandomDigest(), queryDigest);

    private static Digest RandomDigest() => new(RandomNumberGenerator.GetBytes(32));

    private static Digest ReferenceHash(AccessEntry entry)
    {
        var encoded = new ABIEncode().GetABIEncoded(
            new ABIValue("bytes32", AccessEntry.Domain.ToArray()),
            new ABIValue("uint256", new BigInteger(entry.ChainId)),
            new ABIValue("address", entry.Registry),
            new ABIValue("uint256", entry.GrantId),
            new ABIValue("bytes32", entry.RecordId.ToArray()),
            new ABIValue("uint32", entry.Holder),
            new ABIValue("uint32", entry.Grantee),
            new ABIValue("bytes32", entry.RequestId.ToArray()),
            new ABIValue("bytes32", entry.QueryDigest.ToArray()));
        return new Digest(Sha3Keccack.Current.CalculateHash(encoded));
    }
}
