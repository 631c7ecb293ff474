using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Exchange;

namespace EthGov.Core.Tests.Exchange;

public class NodeSignaturesTests
{
    private const ulong ChainId = 31337;
    private const string Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly Uri s_target = new("https://holder.example:8443/api/v1/node/releases");
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("{\"grantId\":\"1\"}");
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    [Theory]
    [InlineData(0u)]
    [InlineData(7u)]
    [InlineData(uint.MaxValue)]
    public void KeyId_FormatThenParse_GivesTheDepartment(uint department)
    {
        Assert.True(NodeSignatureProfile.TryParseKeyId(NodeSignatureProfile.KeyId(department), out var parsed));
        Assert.Equal(department, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("department:")]
    [InlineData("department:07")]
    [InlineData("department:+7")]
    [InlineData("department:-7")]
    [InlineData("department: 7")]
    [InlineData("department:7 ")]
    [InlineData("department:4294967296")]
    [InlineData("Department:7")]
    [InlineData("department-7")]
    public void TryParseKeyId_NotTheExactForm_IsRefused(string? keyId)
    {
        Assert.False(NodeSignatureProfile.TryParseKeyId(keyId, out _));
    }

    [Fact]
    public void Tag_NamesChainAndLowercaseRegistry()
    {
        Assert.Equal("ethgov:31337:0x5fbdb2315678afecb367f032d93f642f64180aa3", NodeSignatureProfile.Tag(ChainId, Registry));
    }

    [Fact]
    public void SignRequest_ThenVerifyAsReceived_IsValidWithSixtySecondsAndANonce()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var fields = NodeSignatures.SignRequest("POST", s_target, s_body, 7, ChainId, Registry, key, s_now);
        var received = Received(fields);

        Assert.True(NodeSignatures.TryReadSigner(received, out var department, out _));
        var refusal = NodeSignatures.VerifyRequest(received, s_body, department, key, ChainId, Registry, s_now.AddSeconds(59), out var parameters);

        Assert.Null(refusal);
        Assert.Equal(7u, department);
        Assert.Equal(60, parameters!.Expires - parameters.Created);
        Assert.Equal(22, parameters.Nonce!.Length);
        Assert.Equal("ethgov:31337:0x5fbdb2315678afecb367f032d93f642f64180aa3", parameters.Tag);
        Assert.Contains("\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-type\"", fields.SignatureInput, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyRequest_OtherChainOrRegistry_IsInvalidSignature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var received = Received(NodeSignatures.SignRequest("POST", s_target, s_body, 7, ChainId, Registry, key, s_now));

        var otherChain = NodeSignatures.VerifyRequest(received, s_body, 7, key, 1, Registry, s_now, out _);
        var otherRegistry = NodeSignatures.VerifyRequest(received, s_body, 7, key, ChainId, "0x0000000000000000000000000000000000000001", s_now, out _);

        Assert.Equal(ExchangeRefusal.InvalidSignature, otherChain?.Reason);
        Assert.Equal(ExchangeRefusal.InvalidSignature, otherRegistry?.Reason);
    }

    [Fact]
    public void VerifyRequest_AnotherKey_IsInvalidSignature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var published = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var received = Received(NodeSignatures.SignRequest("POST", s_target, s_body, 7, ChainId, Registry, key, s_now));

        var refusal = NodeSignatures.VerifyRequest(received, s_body, 7, published, ChainId, Registry, s_now, out _);

        Assert.Equal(ExchangeRefusal.InvalidSignature, refusal?.Reason);
    }

    [Fact]
    public void VerifyRequest_NoPublishedKey_IsUnknownNodeKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var received = Received(NodeSignatures.SignRequest("POST", s_target, s_body, 7, ChainId, Registry, key, s_now));

        var refusal = NodeSignatures.VerifyRequest(received, s_body, 7, null, ChainId, Registry, s_now, out _);

        Assert.Equal(ExchangeRefusal.UnknownNodeKey, refusal?.Reason);
        Assert.Equal(401, refusal?.Status);
    }

    [Fact]
    public void VerifyRequest_BodyChangedAfterSigning_IsInvalidSignature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var received = Received(NodeSignatures.SignRequest("POST", s_target, s_body, 7, ChainId, Registry, key, s_now));

        var refusal = NodeSignatures.VerifyRequest(received, Encoding.UTF8.GetBytes("{\"grantId\":\"2\"}"), 7, key, ChainId, Registry, s_now, out _);

        Assert.Equal(ExchangeRefusal.InvalidSignature, refusal?.Reason);
    }

    [Fact]
    public void VerifyRequest_AfterItsSixtySecondsAndTheSkew_IsInvalidSignature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var received = Received(NodeSignatures.SignRequest("POST", s_target, s_body, 7, ChainId, Registry, key, s_now));

        var refusal = NodeSignatures.VerifyRequest(received, s_body, 7, key, ChainId, Registry, s_now.AddSeconds(91), out _);

        Assert.Equal(ExchangeRefusal.InvalidSignature, refusal?.Reason);
    }

    [Fact]
    public void TryReadSigner_Unsigned_IsInvalidSignature()
    {
        var unsigned = HttpMessageParts.ForRequest("POST", s_target);

        Assert.False(NodeSignatures.TryReadSigner(unsigned, out _, out var refusal));
        Assert.Equal(ExchangeRefusal.InvalidSignature, refusal.Reason);
    }

    [Fact]
    public void SignResponse_ThenVerify_IsValidOnlyForTheHolderAndStatus()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var fields = NodeSignatures.SignResponse(200, s_body, 3, ChainId, Registry, key, s_now);

        HttpMessageParts Response(int status) => HttpMessageParts.ForResponse(status)
            .AddField("Content-Digest", fields.ContentDigest)
            .AddField("Signature-Input", fields.SignatureInput)
            .AddField("Signature", fields.Signature);

        Assert.Null(NodeSignatures.VerifyResponse(Response(200), s_body, 3, key, ChainId, Registry, s_now));
        Assert.Equal(ExchangeRefusal.InvalidSignature, NodeSignatures.VerifyResponse(Response(403), s_body, 3, key, ChainId, Registry, s_now)?.Reason);
        Assert.Equal(ExchangeRefusal.UnknownNodeKey, NodeSignatures.VerifyResponse(Response(200), s_body, 4, key, ChainId, Registry, s_now)?.Reason);
    }

    private static HttpMessageParts Received(SignedFields fields) =>
        HttpMessageParts.ForRequest("POST", s_target)
            .AddField("Content-Type", fields.ContentType!)
            .AddField("Content-Digest", fields.ContentDigest)
            .AddField("Signature-Input", fields.SignatureInput)
            .AddField("Signature", fields.Signature);
}
