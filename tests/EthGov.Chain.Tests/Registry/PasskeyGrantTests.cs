using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Registry;

/// <summary>
/// A citizen's consent given with a passkey, built as a browser builds a WebAuthn assertion (the key pair and the
/// signature from .NET's <see cref="ECDsa"/> on P-256), verified by registry 2.3.0 on a real Hardhat node through the
/// P256VERIFY precompile.
/// </summary>
public class PasskeyGrantTests(DevChain chain) : IClassFixture<DevChain>
{
    private const uint Health = 2;
    private const ushort Purpose = 5;
    private const string Origin = "http://localhost:5080";

    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    [Fact]
    public async Task GrantByPasskeyAsync_AssertionOverTheConsentDigest_IsAPasskeyGrantNamingNoAddress()
    {
        using var passkey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var record = NewDigest();
        var expiresAt = Seconds(DateTimeOffset.UtcNow.AddDays(10));
        var deadline = Seconds(DateTimeOffset.UtcNow.AddHours(1));
        var assertion = await ConsentAssertionAsync(passkey, record, expiresAt, deadline, GrantTerms.Default);

        var (_, grantId) = (await chain.ClientFor(3).Grants.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, assertion, deadline)).Unwrap();

        var grant = (await chain.Reader().Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal((GrantBasis.PasskeyConsent, record, Health, 0u, (string?)null, true), (grant.Basis, grant.RecordId, grant.GranteeDepartment, grant.GrantorDepartment, grant.Subject, grant.Valid));
        Assert.Equal(assertion.PasskeyId, (await chain.Reader().Grants.PasskeyOfAsync(grantId)).Unwrap());
        Assert.Equal(BigInteger.One, (await chain.Reader().Grants.PasskeyNonceAsync(assertion.PasskeyId)).Unwrap());
    }

    [Fact]
    public async Task GrantByPasskeyAsync_ReplayedAssertion_FailsWithDecodedPasskeyChallengeMismatch()
    {
        using var passkey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var record = NewDigest();
        var expiresAt = Seconds(DateTimeOffset.UtcNow.AddDays(10));
        var deadline = Seconds(DateTimeOffset.UtcNow.AddHours(1));
        var assertion = await ConsentAssertionAsync(passkey, record, expiresAt, deadline, GrantTerms.Default);
        var relayer = chain.ClientFor(3).Grants;
        (await relayer.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, assertion, deadline)).Unwrap();

        var replayed = await relayer.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, assertion, deadline);

        Assert.False(replayed.IsSuccess);
        Assert.Equal("PasskeyChallengeMismatch", replayed.Error?.Name);
        Assert.Equal(assertion.PasskeyId.ToString(), replayed.Error!.Arguments["passkeyId"]);
        // The digest the registry expected now: the same consent under the passkey's next nonce.
        var expected = ConsentDigest(assertion.PasskeyId, record, expiresAt, deadline, GrantTerms.Default, BigInteger.One);
        Assert.Equal(new Digest(expected).ToString(), replayed.Error.Arguments["challenge"]);
    }

    [Fact]
    public async Task GrantByPasskeyAsync_WithoutUserVerification_FailsWithDecodedPasskeyUserNotVerified()
    {
        using var passkey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var record = NewDigest();
        var expiresAt = Seconds(DateTimeOffset.UtcNow.AddDays(10));
        var deadline = Seconds(DateTimeOffset.UtcNow.AddHours(1));
        var assertion = await ConsentAssertionAsync(passkey, record, expiresAt, deadline, GrantTerms.Default, flags: 0x01);

        var refused = await chain.ClientFor(3).Grants.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, assertion, deadline);

        Assert.Equal("PasskeyUserNotVerified", refused.Error?.Name);
    }

    [Fact]
    public async Task RevokeByPasskeyAsync_TheConsentingPasskey_RevokesTheGrant()
    {
        using var passkey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var record = NewDigest();
        var expiresAt = Seconds(DateTimeOffset.UtcNow.AddDays(10));
        var deadline = Seconds(DateTimeOffset.UtcNow.AddHours(1));
        var consent = await ConsentAssertionAsync(passkey, record, expiresAt, deadline, GrantTerms.Default);
        var relayer = chain.ClientFor(3).Grants;
        var (_, grantId) = (await relayer.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, consent, deadline)).Unwrap();
        var nonce = (await chain.Reader().Grants.PasskeyNonceAsync(consent.PasskeyId)).Unwrap();
        var challenge = Signer().Hash(new PasskeyRevocationTyped { GrantId = grantId, PasskeyId = consent.PasskeyId.ToArray(), Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() });

        (await relayer.RevokeByPasskeyAsync(grantId, AssertionOver(passkey, challenge), deadline)).Unwrap();

        Assert.False((await chain.Reader().Grants.GetAsync(grantId)).Unwrap().Valid);
    }

    private TypedDataSigner Signer() => new(31337, chain.Deployment.Registry);

    private byte[] ConsentDigest(Digest passkeyId, Digest record, DateTimeOffset expiresAt, DateTimeOffset deadline, GrantTerms terms, BigInteger nonce)
        => Signer().Hash(new PasskeyConsentTyped
        {
            RecordId = record.ToArray(), GranteeDepartment = Health, Purpose = Purpose, ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
            Use = (byte)terms.Use, RetentionDays = terms.RetentionDays, MaxFetches = terms.MaxFetches, RevocableBy = (byte)terms.RevocableBy,
            PasskeyId = passkeyId.ToArray(), Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds(),
        });

    private async Task<PasskeyAssertion> ConsentAssertionAsync(
        ECDsa passkey, Digest record, DateTimeOffset expiresAt, DateTimeOffset deadline, GrantTerms terms, byte flags = 0x05)
    {
        var q = passkey.ExportParameters(false).Q;
        var passkeyId = PasskeyAssertion.IdOf(q.X!, q.Y!);
        var nonce = (await chain.Reader().Grants.PasskeyNonceAsync(passkeyId)).Unwrap();
        return AssertionOver(passkey, ConsentDigest(passkeyId, record, expiresAt, deadline, terms, nonce), flags);
    }

    /// <summary>
    /// What <c>navigator.credentials.get</c> returns for <paramref name="challenge"/>: authenticator data (SHA-256 of the
    /// relying party id, the flags, a zero counter), the client data JSON in WebAuthn's serialization, and the signature
    /// over authenticatorData || SHA-256(clientDataJSON), decoded to r and s.
    /// </summary>
    private static PasskeyAssertion AssertionOver(ECDsa passkey, byte[] challenge, byte flags = 0x05)
    {
        var q = passkey.ExportParameters(false).Q;
        byte[] authenticatorData = [.. SHA256.HashData("localhost"u8), flags, 0, 0, 0, 0];
        var clientDataJson = $"{{\"type\":\"webauthn.get\",\"challenge\":\"{Base64Url(challenge)}\",\"origin\":\"{Origin}\",\"crossOrigin\":false}}";
        var signed = passkey.SignData([.. authenticatorData, .. SHA256.HashData(Encoding.UTF8.GetBytes(clientDataJson))], HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new PasskeyAssertion(q.X!, q.Y!, signed[..32], signed[32..], authenticatorData, clientDataJson);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
