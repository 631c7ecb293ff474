using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Records;

namespace EthGov.Core.Tests.Records;

public class SubjectCommitmentTests
{
    private const string Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    [Fact]
    public void Of_IsSha256OfSaltLabelAndLowercaseAddress()
    {
        var salt = new byte[32];
        salt[0] = 7;
        var expected = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes("ethgov:subject:" + Address.ToLowerInvariant())]);

        Assert.Equal("0x" + Convert.ToHexStringLower(expected), SubjectCommitment.Of(Address, salt));
        Assert.Equal(SubjectCommitment.Of(Address.ToLowerInvariant(), salt), SubjectCommitment.Of(Address, salt));
    }

    [Fact]
    public void Of_TwoSalts_GiveUnrelatedCommitments()
    {
        var first = new byte[32];
        var second = new byte[32];
        second[31] = 1;

        Assert.NotEqual(SubjectCommitment.Of(Address, first), SubjectCommitment.Of(Address, second));
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    [InlineData("0x70997970C51812dc3A010C7d01b50e0d17dc79CZ")]
    public void Of_NotAnAddress_Throws(string address)
    {
        Assert.Throws<ArgumentException>(() => SubjectCommitment.Of(address, new byte[32]));
    }

    [Fact]
    public void Of_SaltOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => SubjectCommitment.Of(Address, new byte[31]));
    }
}
