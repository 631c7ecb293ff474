using EthGov.Chain.Abi;
using Nethereum.ABI.FunctionEncoding;

namespace EthGov.Chain.Tests.Abi;

public class RevertDecoderTests
{
    private readonly RevertDecoder _decoder = new(RegistryArtifact.Embedded);

    [Fact]
    public void DecodeData_KnownCustomError_GivesNameAndNamedArguments()
    {
        var error = RegistryArtifact.Embedded.Abi.Errors.Single(e => e.Name == "AlreadyAnchored");
        var digest = new byte[32];
        digest[31] = 7;
        var data = "0x" + error.Sha3Signature + Convert.ToHexStringLower(new ParametersEncoder().EncodeParameters(error.InputParameters, digest));

        var decoded = _decoder.DecodeData(data);

        Assert.Equal(ChainErrorKind.Reverted, decoded.Kind);
        Assert.Equal("AlreadyAnchored", decoded.Name);
        Assert.Equal("0x" + new string('0', 62) + "07", decoded.Arguments["digest"]);
    }

    [Fact]
    public void DecodeData_UnknownSelector_IsReportedWithoutRawData()
    {
        var decoded = _decoder.DecodeData("0xdeadbeef");

        Assert.Equal("UnknownError", decoded.Name);
        Assert.Equal("0xdeadbeef", decoded.Arguments["selector"]);
    }

    [Fact]
    public void DecodeData_Empty_IsAPlainRevert()
    {
        Assert.Equal("Reverted", _decoder.DecodeData("0x").Name);
    }

    [Fact]
    public void Decode_ConnectionRefused_IsUnavailable()
    {
        var error = _decoder.Decode(new HttpRequestException("Connection refused"));

        Assert.NotNull(error);
        Assert.Equal(ChainErrorKind.Unavailable, error.Kind);
    }
}
