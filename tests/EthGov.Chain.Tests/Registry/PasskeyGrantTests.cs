using System.Numerics;
using System.Security.Cryptography;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Registry;

/// <summary>
/// A citizen's consent given with a passkey, built as a browser builds a WebAuthn assertion (<see cref="TestPasskey"/>:
/// the key pair and the signature from .NET's ECDsa on P-256), verified by registry 2.3.0 on a real Hardhat node through
/// the P256VERIFY precompile.
/// </summary>
public class PasskeyGrantTests(DevChain chain) : IClassFixture<DevChain>
{
    private const uint Health = 2;
    private const ushort Purpose = 5;

    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    [Fact]
    public async Task GrantByPasskeyAsync_AssertionOverTheConsentDigest_IsAPasskeyGrantNamingNoAddress()
    {
        using var passkey = new TestPasskey();
        var record = NewDigest();
        var expiresAt = Seconds(DateTimeOffset.UtcNow.AddDays(10));
        var deadline = Seconds(DateTimeOffset.UtcNow.AddHours(1));
        var assertion = await ConsentAssertionAsync(passkey, record, expiresAt, deadline, GrantTerms.Default);

        var (_, grantId) = (await chain.ClientFor(3).Grants.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, assertion, deadline)).Unwrap();

        var grant = (await chain.Reader().Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal((GrantBasis.PasskeyConsent, record, Health, 0u, (Digest?)assertion.PasskeyId, true), (grant.Basis, grant.RecordId, grant.GranteeDepartment, grant.GrantorDepartment, grant.Subject, grant.Valid));
        Assert.Equal(assertion.PasskeyId, (await chain.Reader().Grants.PasskeyOfAsync(grantId)).Unwrap());
        Assert.Equal(BigInteger.One, (await chain.Reader().Grants.PasskeyNonceAsync(assertion.PasskeyId)).Unwrap());
    }

    [Fact]
    public async Task GrantByPasskeyAsync_ReplayedAssertion_FailsWithDecodedPasskeyChallengeMismatch()
    {
        using var passkey = new TestPasskey();
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
        using var passkey = new TestPasskey();
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
        using var passkey = new TestPasskey();
        var record = NewDigest();
        var expiresAt = Seconds(DateTimeOffset.UtcNow.AddDays(10));
        var deadline = Seconds(DateTimeOffset.UtcNow.AddHours(1));
        var consent = await ConsentAssertionAsync(passkey, record, expiresAt, deadline, GrantTerms.Default);
        var relayer = chain.ClientFor(3).Grants;
        var (_, grantId) = (await relayer.GrantByPasskeyAsync(record, Health, Purpose, expiresAt, GrantTerms.Default, consent, deadline)).Unwrap();
        var nonce = (await chain.Reader().Grants.PasskeyNonceAsync(consent.PasskeyId)).Unwrap();
        var challenge = Signer().Hash(new PasskeyRevocationTyped { GrantId = grantId, PasskeyId = consent.PasskeyId.ToArray(), Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() });

        (await relayer.RevokeByPasskeyAsync(grantId, passkey.Assert(challenge), deadline)).Unwrap();

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
        TestPasskey passkey, Digest record, DateTimeOffset expiresAt, DateTimeOffset deadline, GrantTerms terms, byte flags = TestPasskey.UserPresentAndVerified)
    {
        var nonce = (await chain.Reader().Grants.PasskeyNonceAsync(passkey.Id)).Unwrap();
        return passkey.Assert(ConsentDigest(passkey.Id, record, expiresAt, deadline, terms, nonce), flags);
    }
}
