using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Core.Tests.Records;

public sealed class SubjectTagTests
{
    private static readonly Digest s_record = Digest.Parse("0x" + new string('a', 64));

    // keccak256(abi.encode(address, bytes32)) as ethers computes it:
    // keccak256(AbiCoder.encode(["address","bytes32"], ["0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0xaa..aa"])).
    [Fact]
    public void Of_AddressAndRecord_IsKeccakOfTheirAbiEncoding()
    {
        Assert.Equal(Digest.Parse("0x05b806e54401d926143a61b58cac17db104f05766391dbf6ba7d98f80660301a"), SubjectTag.Of("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", s_record));
    }

    [Fact]
    public void Of_AnyCaseOfOneAddress_IsOneTag_AnotherRecordIsAnother()
    {
        var tag = SubjectTag.Of("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65", s_record);

        Assert.Equal(tag, SubjectTag.Of("0x15D34AAF54267DB7D7C367839AAF71A00A2C6A65", s_record));
        Assert.NotEqual(tag, SubjectTag.Of("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65", Digest.Parse("0x" + new string('b', 64))));
    }

    [Fact]
    public void Of_NotAnAddress_Throws() => Assert.Throws<ArgumentException>(() => SubjectTag.Of("0x1234", s_record));
}
