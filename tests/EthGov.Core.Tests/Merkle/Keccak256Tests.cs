using EthGov.Core.Merkle;
using Nethereum.Util;

namespace EthGov.Core.Tests.Merkle;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Hash_KnownVectors_MatchEthereumKeccak(string input, string expected)
    {
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(input));

        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(135)] // one byte short of the rate: both padding bits in the same byte
    [InlineData(136)] // exactly one block: padding needs a whole extra block
    [InlineData(137)]
    [InlineData(272)]
    [InlineData(1000)]
    public void Hash_RandomInputs_EqualNethereum(int length)
    {
        var random = new Random(length);
        var reference = new Sha3Keccack();
        for (int round = 0; round < 20; round++)
        {
            var input = new byte[length];
            random.NextBytes(input);

            Assert.Equal(reference.CalculateHash(input), Keccak256.Hash(input));
        }
    }

    [Fact]
    public void Hash_DestinationOverlapsInput_StillCorrect()
    {
        var buffer = new byte[64];
        new Random(7).NextBytes(buffer);
        var expected = new Sha3Keccack().CalculateHash(buffer.ToArray());

        Keccak256.Hash(buffer, buffer);

        Assert.Equal(expected, buffer[..32]);
    }

    [Fact]
    public void Hash_DestinationTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
    }
}
