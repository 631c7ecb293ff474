using System.Security.Cryptography;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

public class HttpSignatureVerifierTests
{
    [Fact]
    public void Verify_SignedRequestAsSent_IsValidWithItsParameters()
    {
        using var node = new NodeSigning();
        var parameters = NodeSigning.Parameters();
        var fields = node.Sign(NodeSigning.Request(), parameters);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(parameters.Nonce, result.Parameters.Nonce);
        Assert.Equal(parameters.Expires, result.Parameters.Expires);
        Assert.Equal(NodeSigning.KeyId, result.Parameters.KeyId);
    }

    [Fact]
    public void Verify_FieldsReorderedRecasedAndSplit_IsStillValid()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        var received = HttpMessageParts.ForRequest("POST", new Uri("https://HOLDER.example:8443/api/v1/node/releases?grant=0x01"))
            .AddField("content-digest", NodeSigning.Request().GetField("Content-Digest")!)
            .AddField("CONTENT-TYPE", "  application/json\t");

        var result = node.Verify(NodeSigning.Deliver(received, fields));

        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public void Verify_CoveredHeaderChanged_IsBadSignature()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(contentType: "text/plain"), fields));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void Verify_BodyChanged_IsBadSignature()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(body: "{\"grant\":\"0x01\",\"record\":\"0x03\"}"), fields));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Theory]
    [InlineData("https://holder.example:8443/api/v1/node/releases?grant=0x02")]
    [InlineData("https://holder.example:8443/api/v1/node/release?grant=0x01")]
    [InlineData("https://other-holder.example:8443/api/v1/node/releases?grant=0x01")]
    [InlineData("http://holder.example:8443/api/v1/node/releases?grant=0x01")]
    public void Verify_TargetChanged_IsBadSignature(string target)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(target), fields));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void Verify_ComponentDroppedFromSignatureInput_IsBadSignature()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        string dropped = fields.SignatureInput.Replace("\"content-type\" ", string.Empty, StringComparison.Ordinal);
        var lenient = NodeSigning.Policy with { RequiredComponents = [] };

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(contentType: "text/plain"), dropped, fields.Signature), lenient);

        Assert.NotEqual(fields.SignatureInput, dropped);
        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void Verify_ComponentDroppedFromSignatureInput_UnderPolicy_IsMissingRequiredComponent()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        string dropped = fields.SignatureInput.Replace("\"content-digest\"", string.Empty, StringComparison.Ordinal);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), dropped, fields.Signature));

        Assert.Equal(HttpSignatureOutcome.MissingRequiredComponent, result.Outcome);
        Assert.Contains("\"content-digest\"", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ExpiryExtendedInSignatureInput_IsBadSignature()
    {
        using var node = new NodeSigning();
        var parameters = NodeSigning.Parameters();
        var fields = node.Sign(NodeSigning.Request(), parameters);
        string extended = fields.SignatureInput.Replace($"expires={parameters.Expires}", $"expires={parameters.Expires + 100}", StringComparison.Ordinal);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), extended, fields.Signature));

        Assert.NotEqual(fields.SignatureInput, extended);
        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void Verify_SignatureBitFlipped_IsBadSignature()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        byte[] signature = SignatureBytes(fields);
        signature[17] ^= 0x01;

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields.SignatureInput, $"{NodeSigning.Label}=:{Convert.ToBase64String(signature)}:"));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void Verify_SignatureInDerForm_IsBadSignature()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        byte[] der = new AsnRewriter(SignatureBytes(fields)).ToDer();

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields.SignatureInput, $"{NodeSigning.Label}=:{Convert.ToBase64String(der)}:"));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
        Assert.Contains("not the 64 of r || s", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAnotherKeyUnderTheSameKeyId_IsBadSignature()
    {
        using var node = new NodeSigning();
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var fields = HttpSignatureSigner.Sign(NodeSigning.Request(), NodeSigning.Label, NodeSigning.Parameters(), impostor);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(HttpSignatureOutcome.BadSignature, result.Outcome);
    }

    [Fact]
    public void Verify_UnknownKeyId_IsUnknownKey()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = HttpSignatureVerifier.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields), NodeSigning.Label, NodeSigning.Policy, _ => null, NodeSigning.Now);

        Assert.Equal(HttpSignatureOutcome.UnknownKey, result.Outcome);
        Assert.Contains(NodeSigning.KeyId, result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-60, 29, true)]
    [InlineData(-60, 30, true)]
    [InlineData(-60, 31, false)]
    [InlineData(-300, 200, false)]
    public void Verify_AfterExpiry_IsExpiredBeyondTheClockSkew(long createdOffset, long secondsAfterExpiry, bool valid)
    {
        using var node = new NodeSigning();
        long created = NodeSigning.NowSeconds + createdOffset;
        long expires = NodeSigning.NowSeconds - secondsAfterExpiry;
        var fields = node.Sign(NodeSigning.Request(), NodeSigning.Parameters(created, expires));

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(valid ? HttpSignatureOutcome.Valid : HttpSignatureOutcome.Expired, result.Outcome);
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(86_400, false)]
    public void Verify_CreatedAhead_IsCreatedInFutureBeyondTheClockSkew(long secondsAhead, bool valid)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request(), NodeSigning.Parameters(NodeSigning.NowSeconds + secondsAhead));

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(valid ? HttpSignatureOutcome.Valid : HttpSignatureOutcome.CreatedInFuture, result.Outcome);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(86_400 * 365, false)]
    public void Verify_LongLifetime_IsLifetimeTooLong(long lifetime, bool valid)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request(), NodeSigning.Parameters(NodeSigning.NowSeconds, NodeSigning.NowSeconds + lifetime));

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(valid ? HttpSignatureOutcome.Valid : HttpSignatureOutcome.LifetimeTooLong, result.Outcome);
    }

    [Theory]
    [InlineData(329, true)]
    [InlineData(331, false)]
    public void Verify_WithoutExpiry_ExpiresAtCreationPlusMaxLifetime(long age, bool valid)
    {
        using var node = new NodeSigning();
        var parameters = new SignatureParameters(NodeSigning.Components, NodeSigning.NowSeconds - age, keyId: NodeSigning.KeyId, nonce: "n-1", tag: NodeSigning.Tag);
        var fields = node.Sign(NodeSigning.Request(), parameters);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields), NodeSigning.Policy with { RequireExpires = false });

        Assert.Equal(valid ? HttpSignatureOutcome.Valid : HttpSignatureOutcome.Expired, result.Outcome);
    }

    [Fact]
    public void Verify_ExpiryBeforeCreation_IsUnsupportedParameters()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        long t = NodeSigning.NowSeconds;
        string input = $"{NodeSigning.Label}=(\"@method\");created={t};expires={t - 1};keyid=\"{NodeSigning.KeyId}\";nonce=\"n\"";

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), input, fields.Signature), NodeSigning.Policy with { RequiredComponents = [], RequiredTag = null });

        Assert.Equal(HttpSignatureOutcome.UnsupportedParameters, result.Outcome);
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("expires")]
    [InlineData("created")]
    [InlineData("keyid")]
    public void Verify_RequiredParameterAbsent_IsMissingRequiredParameter(string absent)
    {
        using var node = new NodeSigning();
        long t = NodeSigning.NowSeconds;
        var parameters = new SignatureParameters(
            NodeSigning.Components,
            absent == "created" ? null : t,
            absent == "expires" ? null : t + 60,
            absent == "keyid" ? null : NodeSigning.KeyId,
            absent == "nonce" ? null : "n-2",
            tag: NodeSigning.Tag);
        var fields = node.Sign(NodeSigning.Request(), parameters);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(HttpSignatureOutcome.MissingRequiredParameter, result.Outcome);
        Assert.Contains($"'{absent}'", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ethgov-exchange/chain-1")]
    [InlineData(null)]
    public void Verify_TagForAnotherChainOrNone_IsTagMismatch(string? tag)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request(), NodeSigning.Parameters(tag: tag));

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(HttpSignatureOutcome.TagMismatch, result.Outcome);
    }

    [Fact]
    public void Verify_OtherAlgorithmNamed_IsAlgorithmMismatch()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request(), NodeSigning.Parameters(algorithm: null));
        string input = fields.SignatureInput + ";alg=\"rsa-pss-sha512\"";

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), input, fields.Signature));

        Assert.Equal(HttpSignatureOutcome.AlgorithmMismatch, result.Outcome);
    }

    [Fact]
    public void Verify_WithoutAlg_IsValid()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request(), NodeSigning.Parameters(algorithm: null));

        Assert.True(node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields)).IsValid);
    }

    [Fact]
    public void Verify_CoveredFieldAbsentOnArrival_IsComponentUnavailable()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        var received = HttpMessageParts.ForRequest("POST", new Uri("https://holder.example:8443/api/v1/node/releases?grant=0x01"))
            .AddField("Content-Type", "application/json");

        var result = node.Verify(NodeSigning.Deliver(received, fields));

        Assert.Equal(HttpSignatureOutcome.ComponentUnavailable, result.Outcome);
        Assert.Contains("content-digest", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CoveredFieldWithLineBreakOnArrival_IsComponentUnavailable()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(contentType: "application/json\n\"@method\": GET"), fields));

        Assert.Equal(HttpSignatureOutcome.ComponentUnavailable, result.Outcome);
    }

    [Fact]
    public void Verify_Unsigned_IsNotSigned()
    {
        using var node = new NodeSigning();

        Assert.Equal(HttpSignatureOutcome.NotSigned, node.Verify(NodeSigning.Request()).Outcome);
    }

    [Fact]
    public void Verify_SignatureFieldMissing_IsNotSigned()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Request().AddField("Signature-Input", fields.SignatureInput));

        Assert.Equal(HttpSignatureOutcome.NotSigned, result.Outcome);
    }

    [Fact]
    public void Verify_OtherLabelOnly_IsLabelNotFound()
    {
        using var node = new NodeSigning();
        var fields = HttpSignatureSigner.Sign(NodeSigning.Request(), "proxy", NodeSigning.Parameters(), node.Key);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields));

        Assert.Equal(HttpSignatureOutcome.LabelNotFound, result.Outcome);
        Assert.Contains("'proxy'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LabelMissingFromSignatureOnly_IsLabelNotFound()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields.SignatureInput, fields.Signature.Replace("ethgov=", "other=", StringComparison.Ordinal)));

        Assert.Equal(HttpSignatureOutcome.LabelNotFound, result.Outcome);
    }

    [Fact]
    public void Verify_AmongSeveralSignatures_FindsItsOwnLabel()
    {
        using var node = new NodeSigning();
        using var proxy = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var own = node.Sign(NodeSigning.Request());
        var other = HttpSignatureSigner.Sign(NodeSigning.Request(), "proxy", NodeSigning.Parameters(), proxy);

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), other.SignatureInput, other.Signature).AddField("Signature-Input", own.SignatureInput).AddField("Signature", own.Signature));

        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public void Verify_LabelDuplicatedAcrossFieldLines_IsMalformed()
    {
        using var node = new NodeSigning();
        var first = node.Sign(NodeSigning.Request());
        var second = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Deliver(NodeSigning.Request(), first), second));

        Assert.Equal(HttpSignatureOutcome.MalformedSignatureInput, result.Outcome);
        Assert.Contains("more than once", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureDuplicatedAcrossFieldLines_IsMalformed()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        var received = NodeSigning.Deliver(NodeSigning.Request(), fields).AddField("Signature", fields.Signature);

        Assert.Equal(HttpSignatureOutcome.MalformedSignature, node.Verify(received).Outcome);
    }

    [Fact]
    public void Verify_HugeSignatureInput_IsMalformedWithoutParsingIt()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        string huge = fields.SignatureInput + ";tag2=\"" + new string('a', 4_000_000) + "\"";

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), huge, fields.Signature));

        Assert.Equal(HttpSignatureOutcome.MalformedSignatureInput, result.Outcome);
        Assert.Contains("limit of 8192", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HundredsOfLabels_IsMalformed()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        string many = string.Join(", ", Enumerable.Range(0, 500).Select(i => $"s{i}=()"));

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), many, fields.Signature));

        Assert.Equal(HttpSignatureOutcome.MalformedSignatureInput, result.Outcome);
        Assert.Contains("more than 8 members", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ethgov=((\"@method\"))")]
    [InlineData("ethgov=(\"@method\" (\"@path\"))")]
    [InlineData("ethgov=((((((((((((((((((((((((((((((((")]
    [InlineData("ethgov=(\"@method\";created=1;created=2)")]
    [InlineData("ethgov=(\"@method\");keyid=\"a\";keyid=\"b\"")]
    [InlineData("ethgov=(\"@method\"),")]
    [InlineData("ethgov=(\"@method\"")]
    [InlineData("ethgov=(\"@method\")keyid=\"k\"")]
    [InlineData("Ethgov=(\"@method\")")]
    [InlineData("ethgov=(\"caf\u00e9\")")]
    [InlineData("ethgov=(\"@method\");created=1234567890123456")]
    public void Verify_MalformedSignatureInput_IsMalformed(string input)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), input, fields.Signature));

        Assert.Equal(HttpSignatureOutcome.MalformedSignatureInput, result.Outcome);
    }

    [Theory]
    [InlineData("ethgov=(\"@method\" \"@method\");keyid=\"k\"", "more than once")]
    [InlineData("ethgov=(\"@method\");keyid=\"k\";context=\"x\"", "'context' is not supported")]
    [InlineData("ethgov=(\"@method\");keyid=k", "not a string")]
    [InlineData("ethgov=(\"@method\");created=\"1\";keyid=\"k\"", "not a time")]
    [InlineData("ethgov=(\"@method\");created=-1;keyid=\"k\"", "negative")]
    [InlineData("ethgov=(\"@Method\");keyid=\"k\"", "not a derived component")]
    [InlineData("ethgov=(\"Content-Type\");keyid=\"k\"", "lowercase field name")]
    [InlineData("ethgov=(\"content-type\";sf);keyid=\"k\"", "'sf'")]
    [InlineData("ethgov=(\"@signature-params\");keyid=\"k\"", "cannot be a covered component")]
    [InlineData("ethgov=(\"@query-param\");keyid=\"k\"", "exactly one parameter")]
    [InlineData("ethgov=(\"@query-param\";name=\"a b\");keyid=\"k\"", "encoded form")]
    [InlineData("ethgov=(1);keyid=\"k\"", "not a string")]
    [InlineData("ethgov=:AAAA:", "not an inner list")]
    public void Verify_SignatureInputEthGovCannotCheck_IsUnsupportedParameters(string input, string reason)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), input, fields.Signature));

        Assert.Equal(HttpSignatureOutcome.UnsupportedParameters, result.Outcome);
        Assert.Contains(reason, result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ethgov=tokens-are-not-bytes")]
    [InlineData("ethgov=:AAAA:;p=1")]
    [InlineData("ethgov=:not*base64:")]
    [InlineData("ethgov=(:AAAA:)")]
    public void Verify_MalformedSignatureMember_IsMalformedSignature(string signature)
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());

        var result = node.Verify(NodeSigning.Deliver(NodeSigning.Request(), fields.SignatureInput, signature));

        Assert.Equal(HttpSignatureOutcome.MalformedSignature, result.Outcome);
    }

    [Fact]
    public void Verify_RandomFields_NeverThrowAndAreNeverValid()
    {
        using var node = new NodeSigning();
        var fields = node.Sign(NodeSigning.Request());
        var random = new Random(9421);
        const string Alphabet = "ethgov=()\";:,*?-_.@ 0123456789abcdefAZ\\\t\u00e9\u0000";
        for (int i = 0; i < 5_000; i++)
        {
            var chars = new char[random.Next(0, 120)];
            for (int c = 0; c < chars.Length; c++)
            {
                chars[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            string noise = new(chars);
            bool inInput = (i & 1) == 0;
            var received = NodeSigning.Deliver(
                NodeSigning.Request(),
                inInput ? noise : fields.SignatureInput,
                inInput ? fields.Signature : noise);

            var result = node.Verify(received);

            Assert.False(result.IsValid, noise);
        }
    }

    private static byte[] SignatureBytes(HttpSignatureFields fields) =>
        Convert.FromBase64String(fields.Signature[(fields.Label.Length + 2)..^1]);

    /// <summary>Rewrites an r || s signature as DER, the form ECDSA signatures often travel in elsewhere.</summary>
    private sealed class AsnRewriter(byte[] p1363)
    {
        public byte[] ToDer()
        {
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteIntegerUnsigned(p1363.AsSpan(0, 32));
                writer.WriteIntegerUnsigned(p1363.AsSpan(32, 32));
            }

            return writer.Encode();
        }
    }
}
