using EthGov.Chain.Keys;
using EthGov.Chain.Signing;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Signing;

/// <summary>A new key's consent to join a department: made, handed over as a file or a token, checked, and accepted by the registry.</summary>
public sealed class SignerConsentTests(DevChain chain) : IClassFixture<DevChain>
{
    private const string Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    [Fact]
    public void Token_CarriesDeadlineAndSignature_AndTheExpectedRestMakesTheSameConsent()
    {
        var key = DevAccounts.Get(5, 31337);
        var consent = SignerConsent.Create(key, 31337, Registry, 1, 4, s_now.AddHours(1));

        Assert.True(SignerConsent.TryParse(consent.Token, 31337, Registry, 1, key.Address, 4, out var read, out var error), error);

        Assert.Equal(2 + 146, consent.Token.Length);
        Assert.Equal(consent.Deadline, read!.Deadline);
        Assert.Equal(consent.Signature, read.Signature);
        Assert.Null(read.Mismatch(31337, Registry, 1, key.Address, 4, s_now));
    }

    [Fact]
    public void File_RoundTrips_AndNamesTheDepartmentItWasSignedFor()
    {
        var key = DevAccounts.Get(5, 31337);
        var consent = SignerConsent.Create(key, 31337, Registry, 2, 0, s_now.AddHours(1));

        Assert.True(SignerConsent.TryParse(consent.ToJson(), 31337, Registry, 1, key.Address, 0, out var read, out var error), error);
        var mismatch = read!.Mismatch(31337, Registry, 1, key.Address, 0, s_now);

        Assert.Equal(2u, read.DepartmentId);
        Assert.Contains("signed for department 2, not for department 1", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_SignedForAnotherDepartment_DoesNotRecoverToTheKey()
    {
        var key = DevAccounts.Get(5, 31337);
        var forHealth = SignerConsent.Create(key, 31337, Registry, 2, 0, s_now.AddHours(1));

        // A token says nothing of its department: the one expected is filled in, and the signature then does not match.
        Assert.True(SignerConsent.TryParse(forHealth.Token, 31337, Registry, 1, key.Address, 0, out var read, out _));
        var mismatch = read!.Mismatch(31337, Registry, 1, key.Address, 0, s_now);

        Assert.Contains("is not key", mismatch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "nonce is now 3")]
    [InlineData(0, null)]
    public void Mismatch_ForAnotherNonce_SaysItWasUsed(int currentNonce, string? expected)
    {
        var key = DevAccounts.Get(5, 31337);
        var consent = SignerConsent.Create(key, 31337, Registry, 1, 0, s_now.AddHours(1));

        var mismatch = consent.Mismatch(31337, Registry, 1, key.Address, currentNonce, s_now);

        if (expected is null)
        {
            Assert.Null(mismatch);
        }
        else
        {
            Assert.Contains(expected, mismatch, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mismatch_AfterTheDeadline_SaysItExpired()
    {
        var key = DevAccounts.Get(5, 31337);
        var consent = SignerConsent.Create(key, 31337, Registry, 1, 0, s_now.AddHours(1));

        Assert.Contains("expired", consent.Mismatch(31337, Registry, 1, key.Address, 0, s_now.AddHours(2)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("not a consent")]
    [InlineData("{\"chainId\":31337}")]
    [InlineData("{not json")]
    public void TryParse_Malformed_FailsWithASentence(string text)
    {
        Assert.False(SignerConsent.TryParse(text, 31337, Registry, 1, DevAccounts.Get(5, 31337).Address, 0, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task RequestAddSigner_WithTheConsent_IsAccepted_ButNotWithOneForAnotherDepartment()
    {
        var civil = chain.ClientFor(1);
        var joining = DevAccounts.Get(6, 31337);
        var deadline = await ChainNowAsync() + TimeSpan.FromHours(1);
        var forHealth = SignerConsent.Create(joining, 31337, chain.Deployment.Registry, 2, 0, deadline);
        var forCivil = SignerConsent.Create(joining, 31337, chain.Deployment.Registry, 1, 0, deadline);

        var refused = await civil.Departments.RequestAddSignerAsync(joining.Address, forHealth.Deadline, forHealth.Signature);
        var accepted = await civil.Departments.RequestAddSignerAsync(joining.Address, forCivil.Deadline, forCivil.Signature);

        Assert.Equal("InvalidSignature", refused.Error?.Name);
        Assert.True(accepted.IsSuccess, accepted.Error?.ToString());
        var change = (await chain.Reader().SignerChanges.GetAsync(accepted.Value.ChangeId)).Unwrap();
        Assert.Equal(joining.Address, change.Signer, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(EthGov.Chain.Registry.SignerChangeStatus.Pending, change.Status);
    }

    private async Task<DateTimeOffset> ChainNowAsync()
    {
        var latest = await chain.Node.CallAsync("eth_getBlockByNumber", "latest", false);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16));
    }
}
