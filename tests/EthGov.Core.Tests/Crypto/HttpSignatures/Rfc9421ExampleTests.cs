using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Crypto.HttpSignatures;
using static EthGov.Core.Tests.Crypto.HttpSignatures.Rfc9421Examples;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

/// <summary>
/// RFC 9421 appendix B, byte for byte. B.2.1 to B.2.3 are signed with RSA-PSS, which EthGov does not accept; their
/// signatures are checked here with .NET's RSA only to prove that the signature bases built by this code are the
/// very bytes the RFC's authors signed.
/// </summary>
public class Rfc9421ExampleTests
{
    [Fact]
    public void B21_MinimalSignature_SignatureBaseIsTheRfcs()
    {
        var parameters = new SignatureParameters([], created: Created, keyId: "test-key-rsa-pss", nonce: "b3k2pp5k7z-50gnwp.yemd");

        Assert.Equal(B21SignatureBase, BaseOf(TestRequest(), parameters));
        Assert.Equal(B21SignatureInput, $"sig-b21={parameters.Serialize()}");
        Assert.True(VerifiesWithRsaPss(B21SignatureBase, B21Signature));
    }

    [Fact]
    public void B22_SelectiveComponents_SignatureBaseIsTheRfcs()
    {
        var parameters = new SignatureParameters(
            [ComponentIdentifier.Authority, ComponentIdentifier.Field("Content-Digest"), ComponentIdentifier.QueryParam("Pet")],
            created: Created,
            keyId: "test-key-rsa-pss",
            tag: "header-example");

        Assert.Equal(B22SignatureBase, BaseOf(TestRequest(), parameters));
        Assert.Equal(B22SignatureInput, $"sig-b22={parameters.Serialize()}");
        Assert.True(VerifiesWithRsaPss(B22SignatureBase, B22Signature));
    }

    [Fact]
    public void B23_FullCoverage_SignatureBaseIsTheRfcs()
    {
        var parameters = new SignatureParameters(
            [
                ComponentIdentifier.Field("date"), ComponentIdentifier.Method, ComponentIdentifier.Path, ComponentIdentifier.Query,
                ComponentIdentifier.Authority, ComponentIdentifier.Field("content-type"), ComponentIdentifier.Field("content-digest"),
                ComponentIdentifier.Field("content-length"),
            ],
            created: Created,
            keyId: "test-key-rsa-pss");

        Assert.Equal(B23SignatureBase, BaseOf(TestRequest(), parameters));
        Assert.True(VerifiesWithRsaPss(B23SignatureBase, B23Signature));
    }

    [Fact]
    public void B24_EcdsaP256Response_SignatureBaseIsTheRfcs()
    {
        Assert.Equal(B24SignatureBase, BaseOf(TestResponse(), B24Parameters()));
        Assert.Equal(B24SignatureInput, $"sig-b24={B24Parameters().Serialize()}");
    }

    [Fact]
    public void B24_RfcSignature_VerifiesWithTheRfcPublicKey()
    {
        using var key = EccP256PublicKey();

        Assert.True(EcdsaP256Sha256.Verify(key, Encoding.ASCII.GetBytes(B24SignatureBase), Convert.FromBase64String(B24Signature)));
    }

    [Fact]
    public void B24_RfcSignedResponse_IsValidThroughTheVerifier()
    {
        using var key = EccP256PublicKey();
        var response = TestResponse()
            .AddField("Signature-Input", B24SignatureInput)
            .AddField("Signature", $"sig-b24=:{B24Signature}:");
        var policy = new HttpSignaturePolicy
        {
            RequireExpires = false,
            RequireNonce = false,
            RequiredComponents = [ComponentIdentifier.Status, ComponentIdentifier.Field("content-digest")],
        };

        var result = HttpSignatureVerifier.Verify(
            response, "sig-b24", policy, id => id == "test-key-ecc-p256" ? key : null, DateTimeOffset.FromUnixTimeSeconds(Created + 5));

        Assert.Equal(HttpSignatureOutcome.Valid, result.Outcome);
        Assert.Equal("test-key-ecc-p256", result.Parameters!.KeyId);
    }

    [Fact]
    public void B24_RfcSignature_FailsOverAnotherStatus()
    {
        using var key = EccP256PublicKey();
        var response = HttpMessageParts.ForResponse(201)
            .AddField("Content-Type", "application/json")
            .AddField("Content-Digest", ResponseContentDigest)
            .AddField("Content-Length", "23")
            .AddField("Signature-Input", B24SignatureInput)
            .AddField("Signature", $"sig-b24=:{B24Signature}:");
        var policy = new HttpSignaturePolicy { RequireExpires = false, RequireNonce = false };

        var result = HttpSignatureVerifier.Verify(response, "sig-b24", policy, _ => key, DateTimeOffset.FromUnixTimeSeconds(Created));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void B13_PrivateKey_HoldsThePublishedPublicKey_AndSignsWhatThePublicKeyVerifies()
    {
        using var privateKey = EccP256PrivateKey();
        using var publicKey = EccP256PublicKey();
        byte[] data = Encoding.ASCII.GetBytes(B24SignatureBase);

        Assert.Equal(EcdsaP256Sha256.ExportPublicKey(publicKey), EcdsaP256Sha256.ExportPublicKey(privateKey));
        Assert.True(EcdsaP256Sha256.Verify(publicKey, data, EcdsaP256Sha256.Sign(privateKey, data)));
    }

    [Fact]
    public void B2_Contents_HaveTheRfcsContentDigests()
    {
        Assert.Equal(RequestContentDigest, ContentDigest.Create(Encoding.UTF8.GetBytes(RequestContent), ContentDigestAlgorithm.Sha512));
        Assert.Equal(ResponseContentDigest, ContentDigest.Create(Encoding.UTF8.GetBytes(ResponseContent), ContentDigestAlgorithm.Sha512));
    }

    [Fact]
    public void Section222_TargetUri_IsTheRfcsExample()
    {
        var request = HttpMessageParts.ForRequest("POST", new Uri("https://www.example.com/path?param=value"));
        var parameters = new SignatureParameters([ComponentIdentifier.TargetUri]);

        Assert.StartsWith("\"@target-uri\": https://www.example.com/path?param=value\n", BaseOf(request, parameters), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(B21SignatureInput)]
    [InlineData(B22SignatureInput)]
    [InlineData(B24SignatureInput)]
    public void RfcSignatureInputs_ReadBack_SerialiseToTheSameText(string signatureInput)
    {
        var message = HttpMessageParts.ForResponse(200).AddField("Signature-Input", signatureInput);
        string label = signatureInput[..signatureInput.IndexOf('=', StringComparison.Ordinal)];

        Assert.True(HttpSignatureVerifier.TryReadParameters(message, label, HttpSignatureLimits.Default, out var parameters, out var refusal), refusal?.Detail);
        Assert.Equal(signatureInput, $"{label}={parameters.Serialize()}");
    }

    private static SignatureParameters B24Parameters() => new(
        [ComponentIdentifier.Status, ComponentIdentifier.Field("content-type"), ComponentIdentifier.Field("content-digest"), ComponentIdentifier.Field("content-length")],
        created: Created,
        keyId: "test-key-ecc-p256");

    private static string BaseOf(HttpMessageParts message, SignatureParameters parameters)
    {
        Assert.True(SignatureBase.TryCreate(message, parameters, out var signatureBase, out var error), error);
        return signatureBase;
    }

    private static bool VerifiesWithRsaPss(string signatureBase, string signature)
    {
        using var key = RsaPssPublicKey();
        return key.VerifyData(Encoding.ASCII.GetBytes(signatureBase), Convert.FromBase64String(signature), HashAlgorithmName.SHA512, RSASignaturePadding.Pss);
    }
}
