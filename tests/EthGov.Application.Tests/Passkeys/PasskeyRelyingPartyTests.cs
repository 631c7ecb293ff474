using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Passkeys;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Application.Tests.Passkeys;

/// <summary>The node's checks of a passkey's answers, with answers built as browsers build them (<see cref="TestPasskey"/>).</summary>
public sealed class PasskeyRelyingPartyTests
{
    private static readonly PasskeyRelyingParty s_party = new(new Uri("http://localhost:5080/"));

    private static readonly byte[] s_challenge = RandomNumberGenerator.GetBytes(32);

    private static PasskeyBinding Bound(TestPasskey passkey) =>
        new(new Digest(RandomNumberGenerator.GetBytes(32)), 1, passkey.X, passkey.Y, passkey.CredentialId, PasskeyRole.Self, DateTimeOffset.UtcNow, null);

    private static PasskeyCheck<NewPasskey> Register((string ClientDataJson, string AttestationObject) answer, byte[]? challenge = null) =>
        s_party.CheckRegistration(Base64Url.DecodeFromChars(answer.ClientDataJson), Base64Url.DecodeFromChars(answer.AttestationObject), challenge ?? s_challenge);

    [Fact]
    public void Origin_IsSchemeHostAndPort_AndTheRelyingPartyIdIsTheHost()
    {
        Assert.Equal(("http://localhost:5080", "localhost"), (s_party.Origin, s_party.RpId));
    }

    [Fact]
    public void CheckRegistration_BrowserAnswer_GivesTheKeyAndCredentialId()
    {
        using var passkey = new TestPasskey();

        var check = Register(passkey.Register(s_challenge));

        Assert.True(check.Passed, check.Refusal?.Detail);
        Assert.Equal(passkey.X, check.Value.X);
        Assert.Equal(passkey.Y, check.Value.Y);
        Assert.Equal(passkey.CredentialId, check.Value.CredentialId);
    }

    [Fact]
    public void CheckRegistration_AssertionClientDataInsteadOfCreation_IsChallengeMismatch()
    {
        using var passkey = new TestPasskey();
        var (_, attestation) = passkey.Register(s_challenge);
        var (getClientData, _, _) = passkey.AssertAsPage(s_challenge);

        var check = Register((getClientData, attestation));

        Assert.Equal(PasskeyRefusal.ChallengeMismatch, check.Refusal?.Reason);
    }

    [Fact]
    public void CheckRegistration_PointOffTheCurve_IsNotP256()
    {
        using var passkey = new TestPasskey();
        var (clientData, attestation) = passkey.Register(s_challenge);
        var bytes = Base64Url.DecodeFromChars(attestation);
        // The y coordinate is the last 32 bytes of the COSE key, which ends the authenticator data and the object.
        bytes[^1] ^= 0x01;

        var check = s_party.CheckRegistration(Base64Url.DecodeFromChars(clientData), bytes, s_challenge);

        Assert.Equal(PasskeyRefusal.NotP256, check.Refusal?.Reason);
    }

    [Fact]
    public void CheckAssertion_BrowserAnswerByTheBoundPasskey_GivesTheRegistrysAssertion()
    {
        using var passkey = new TestPasskey();
        var (clientData, authenticatorData, signature) = passkey.AssertAsPage(s_challenge);

        var check = s_party.CheckAssertion(Base64Url.DecodeFromChars(clientData), Base64Url.DecodeFromChars(authenticatorData), Base64Url.DecodeFromChars(signature),
            Bound(passkey), new Digest(s_challenge));

        Assert.True(check.Passed, check.Refusal?.Detail);
        Assert.Equal(passkey.Id, check.Value.PasskeyId);
        Assert.Equal((32, 32), (check.Value.R.Length, check.Value.S.Length));
        Assert.Equal(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(clientData)), check.Value.ClientDataJson);
    }

    [Fact]
    public void CheckAssertion_HighSTwinOfTheSignature_StillVerifies_AsTheRegistryNormalisesIt()
    {
        using var passkey = new TestPasskey();
        var (clientData, authenticatorData, signature) = passkey.AssertAsPage(s_challenge);
        var low = s_party.CheckAssertion(Base64Url.DecodeFromChars(clientData), Base64Url.DecodeFromChars(authenticatorData), Base64Url.DecodeFromChars(signature),
            Bound(passkey), new Digest(s_challenge)).Value!;
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(low.S, isUnsigned: true, isBigEndian: true);
        var twin = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(low.R);
            writer.WriteIntegerUnsigned(twin);
        }

        var check = s_party.CheckAssertion(Base64Url.DecodeFromChars(clientData), Base64Url.DecodeFromChars(authenticatorData), writer.Encode(), Bound(passkey), new Digest(s_challenge));

        Assert.True(check.Passed, check.Refusal?.Detail);
        Assert.Equal(n - s, new System.Numerics.BigInteger(check.Value.S, isUnsigned: true, isBigEndian: true));
    }

    [Fact]
    public void CheckAssertion_CrossOriginFrame_IsWrongOrigin()
    {
        using var passkey = new TestPasskey();
        var (clientData, authenticatorData, _) = passkey.AssertAsPage(s_challenge);
        var framed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(clientData)).Replace("\"crossOrigin\":false", "\"crossOrigin\":true", StringComparison.Ordinal));

        var check = s_party.CheckAssertion(framed, Base64Url.DecodeFromChars(authenticatorData), new byte[8], Bound(passkey), new Digest(s_challenge));

        Assert.Equal(PasskeyRefusal.WrongOrigin, check.Refusal?.Reason);
    }

    [Fact]
    public void CheckAssertion_ClientDataOverTheLimit_IsMalformedBeforeParsing()
    {
        using var passkey = new TestPasskey();

        var check = s_party.CheckAssertion(new byte[PasskeyRelyingParty.MaxClientDataBytes + 1], new byte[37], new byte[8], Bound(passkey), new Digest(s_challenge));

        Assert.Equal(PasskeyRefusal.Malformed, check.Refusal?.Reason);
    }

    [Fact]
    public void CheckAssertion_SignatureThatIsNotDer_IsInvalidSignature()
    {
        using var passkey = new TestPasskey();
        var (clientData, authenticatorData, _) = passkey.AssertAsPage(s_challenge);

        var check = s_party.CheckAssertion(Base64Url.DecodeFromChars(clientData), Base64Url.DecodeFromChars(authenticatorData), new byte[64], Bound(passkey), new Digest(s_challenge));

        Assert.Equal(PasskeyRefusal.InvalidSignature, check.Refusal?.Reason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RegistrationCodeHash_IgnoresCaseSpacesAndDashes_AndRefusesWhatCannotBeACode(bool valid)
    {
        var code = RegistrationCode.New();
        var typed = valid ? code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) : code.Replace('A', '1').Replace('B', '8') + "A";

        Assert.Equal(valid, RegistrationCode.Hash(typed) is { } hash && hash.AsSpan().SequenceEqual(RegistrationCode.Hash(code)));
    }
}
