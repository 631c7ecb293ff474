using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

public class HttpSignatureSignerTests
{
    [Fact]
    public void Sign_TwiceOverTheSameBase_GivesTwoDifferentSignaturesThatBothVerify()
    {
        using var node = new NodeSigning();
        var parameters = NodeSigning.Parameters();

        var first = node.Sign(NodeSigning.Request(), parameters);
        var second = node.Sign(NodeSigning.Request(), parameters);

        Assert.Equal(first.SignatureInput, second.SignatureInput);
        Assert.NotEqual(first.Signature, second.Signature);
        Assert.True(node.Verify(NodeSigning.Deliver(NodeSigning.Request(), first)).IsValid);
        Assert.True(node.Verify(NodeSigning.Deliver(NodeSigning.Request(), second)).IsValid);
    }

    [Fact]
    public void Sign_Fields_NameTheLabelAndCarry64Bytes()
    {
        using var node = new NodeSigning();

        var fields = node.Sign(NodeSigning.Request());

        Assert.StartsWith("ethgov=(\"@method\" \"@target-uri\" \"@authority\" \"content-type\" \"content-digest\");created=", fields.SignatureInput, StringComparison.Ordinal);
        Assert.Matches("^ethgov=:[A-Za-z0-9+/]{86}==:$", fields.Signature);
    }

    [Fact]
    public void Sign_KeyIdWithQuoteAndBackslash_IsEscapedAndReadBack()
    {
        using var node = new NodeSigning();
        const string KeyId = "dept \"7\" \\ node";
        var parameters = new SignatureParameters([ComponentIdentifier.Method], NodeSigning.NowSeconds, NodeSigning.NowSeconds + 60, KeyId, "n-3");

        var fields = node.Sign(NodeSigning.Request(), parameters);
        var result = HttpSignatureVerifier.Verify(
            NodeSigning.Deliver(NodeSigning.Request(), fields), NodeSigning.Label, new HttpSignaturePolicy(), id => id == KeyId ? node.Key : null, NodeSigning.Now);

        Assert.Contains("keyid=\"dept \\\"7\\\" \\\\ node\"", fields.SignatureInput, StringComparison.Ordinal);
        Assert.True(result.IsValid, result.Detail);
    }

    [Theory]
    [InlineData("Sig")]
    [InlineData("1sig")]
    [InlineData("")]
    [InlineData("sig 1")]
    public void Sign_LabelNotAKey_Throws(string label)
    {
        using var node = new NodeSigning();

        Assert.Throws<ArgumentException>(() => HttpSignatureSigner.Sign(NodeSigning.Request(), label, NodeSigning.Parameters(), node.Key));
    }

    [Fact]
    public void Sign_ParametersNamingAnotherAlgorithm_Throws()
    {
        using var node = new NodeSigning();

        Assert.Throws<ArgumentException>(() => node.Sign(NodeSigning.Request(), NodeSigning.Parameters(algorithm: "ed25519")));
    }

    [Fact]
    public void Sign_WithAP384Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => HttpSignatureSigner.Sign(NodeSigning.Request(), NodeSigning.Label, NodeSigning.Parameters(), key));
    }

    [Fact]
    public void Sign_ComponentTheMessageLacks_ThrowsNamingIt()
    {
        using var node = new NodeSigning();
        var parameters = NodeSigning.Parameters(components: [ComponentIdentifier.Field("date")]);

        var error = Assert.Throws<ArgumentException>(() => node.Sign(NodeSigning.Request(), parameters));

        Assert.Contains("\"date\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_FieldWithLineBreak_Throws()
    {
        using var node = new NodeSigning();

        Assert.Throws<ArgumentException>(() => node.Sign(NodeSigning.Request(contentType: "application/json\r\nX-Injected: 1")));
    }

    [Theory]
    [InlineData(-1L, null)]
    [InlineData(1_000_000_000_000_000L, null)]
    [InlineData(null, -5L)]
    [InlineData(100L, 99L)]
    public void Parameters_TimesThatCannotBeSerialisedOrAreInverted_Throw(long? created, long? expires)
    {
        Assert.Throws<ArgumentException>(() => new SignatureParameters([ComponentIdentifier.Method], created, expires));
    }

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    public void Parameters_StringsOutsidePrintableAscii_Throw(string value)
    {
        Assert.Throws<ArgumentException>(() => new SignatureParameters([ComponentIdentifier.Method], keyId: value));
        Assert.Throws<ArgumentException>(() => new SignatureParameters([ComponentIdentifier.Method], nonce: value));
        Assert.Throws<ArgumentException>(() => new SignatureParameters([ComponentIdentifier.Method], tag: value));
        Assert.Throws<ArgumentException>(() => new SignatureParameters([ComponentIdentifier.Method], algorithm: value));
    }

    [Fact]
    public void Parameters_ComponentTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SignatureParameters([ComponentIdentifier.Field("Date"), ComponentIdentifier.Field("date")]));
    }

    [Theory]
    [InlineData("Content Type")]
    [InlineData("")]
    [InlineData("x:y")]
    public void Field_NotAFieldName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => ComponentIdentifier.Field(name));
    }

    [Fact]
    public void Parameters_AllSet_SerialiseInOneOrder()
    {
        var parameters = new SignatureParameters(
            [ComponentIdentifier.Method, ComponentIdentifier.Path],
            created: 1,
            expires: 2,
            keyId: "k",
            nonce: "n",
            algorithm: EcdsaP256Sha256.Name,
            tag: "t");

        Assert.Equal("(\"@method\" \"@path\");created=1;expires=2;keyid=\"k\";nonce=\"n\";alg=\"ecdsa-p256-sha256\";tag=\"t\"", parameters.Serialize());
    }

    [Fact]
    public void NewNonce_Is22UnescapedCharactersAndFresh()
    {
        var nonces = Enumerable.Range(0, 1000).Select(_ => SignatureParameters.NewNonce()).ToArray();

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9_-]{22}$", n));
        Assert.Equal(nonces.Length, nonces.Distinct().Count());
    }

    [Fact]
    public void SignatureBase_IsAscii_AndEndsWithoutNewline()
    {
        Assert.True(SignatureBase.TryCreate(NodeSigning.Request(), NodeSigning.Parameters(), out var signatureBase, out _));

        Assert.Equal(signatureBase, Encoding.ASCII.GetString(Encoding.ASCII.GetBytes(signatureBase)));
        Assert.StartsWith("\"@method\": POST\n\"@target-uri\": https://holder.example:8443/api/v1/node/releases?grant=0x01\n", signatureBase, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", signatureBase[signatureBase.LastIndexOf("\"@signature-params\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
