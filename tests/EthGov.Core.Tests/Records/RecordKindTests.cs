using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Core.Tests.Records;

public class RecordKindTests
{
    [Fact]
    public void Id_IsSha256OfPrefixedName()
    {
        Assert.Equal(new Digest(SHA256.HashData(Encoding.UTF8.GetBytes("ethgov:record-kind:birth-certificate"))), RecordKind.Id("birth-certificate"));
    }

    [Theory]
    [InlineData("birth-certificate", true)]
    [InlineData("a", true)]
    [InlineData("0123456789012345678901234567890123456789", true)]
    [InlineData("01234567890123456789012345678901234567890", false)]
    [InlineData("", false)]
    [InlineData("Birth", false)]
    [InlineData("birth_certificate", false)]
    [InlineData("birth certificate", false)]
    public void IsValidName_AcceptsOnlyLowercaseDigitsAndHyphens(string name, bool valid)
    {
        Assert.Equal(valid, RecordKind.IsValidName(name));
    }

    [Fact]
    public void Id_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => RecordKind.Id("Birth"));
    }
}
