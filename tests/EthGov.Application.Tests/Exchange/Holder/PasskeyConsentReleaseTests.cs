using EthGov.Application.Exchange.Holder;
using EthGov.Core.Exchange;
using EthGov.Testing;

namespace EthGov.Application.Tests.Exchange.Holder;

/// <summary>
/// Releases under a passkey consent grant (registry 2.3): the chain verified the assertion; the holder releases only when the
/// consenting passkey is the one it bound to the record. Each test binds its own record to its own passkeys.
/// </summary>
public sealed class PasskeyConsentReleaseTests(HolderChain chain) : IClassFixture<HolderChain>
{
    [Fact]
    public async Task Release_ConsentByThePasskeyBoundToTheRecord_ReleasesTheContent()
    {
        using var citizen = new TestPasskey();
        var record = await chain.IssueAsync();
        await chain.BindAsync(record.Digest, citizen);
        var entry = chain.Entry(await chain.GrantByPasskeyAsync(record.Digest, citizen), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(HolderAnswerKind.Released, answer.Kind);
        Assert.Equal(record.Content, chain.Open(answer.Release!.ToRelease(), entry));
    }

    [Fact]
    public async Task Release_ConsentByAnotherCitizensPasskey_IsConsentNotBySubject()
    {
        using var citizen = new TestPasskey();
        using var other = new TestPasskey();
        var record = await chain.IssueAsync();
        var theirs = await chain.IssueAsync();
        await chain.BindAsync(record.Digest, citizen);
        await chain.BindAsync(theirs.Digest, other);
        // The other citizen's passkey is real and bound on this node, to their own record; the chain accepts its consent to ours.
        var entry = chain.Entry(await chain.GrantByPasskeyAsync(record.Digest, other), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.ConsentNotBySubject, answer.Refusal?.Reason);
        Assert.Equal(403, answer.Refusal?.Status);
        Assert.Contains(other.Id.ToString(), answer.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Contains("not by the passkey bound to record", answer.Refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_BindingRevokedAfterTheConsent_IsConsentNotBySubject()
    {
        using var citizen = new TestPasskey();
        var record = await chain.IssueAsync();
        await chain.BindAsync(record.Digest, citizen);
        var entry = chain.Entry(await chain.GrantByPasskeyAsync(record.Digest, citizen), record.Digest);
        Assert.NotNull(await chain.Passkeys.RevokeAsync(record.Digest));
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.ConsentNotBySubject, answer.Refusal?.Reason);
        Assert.Contains("bound to no passkey", answer.Refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_RecordNeverBound_IsConsentNotBySubject()
    {
        using var stranger = new TestPasskey();
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantByPasskeyAsync(record.Digest, stranger), record.Digest);
        var body = HolderChain.Body(entry, await chain.LogAsync([entry]));

        var answer = await chain.Service.ReleaseAsync(chain.SignedBy(body), body);

        Assert.Equal(ExchangeRefusal.ConsentNotBySubject, answer.Refusal?.Reason);
    }

    [Fact]
    public async Task Release_ReplacementPasskeyBoundAfterTheOldWasRevoked_RefusesTheOldConsentAndReleasesUnderTheNew()
    {
        using var lost = new TestPasskey();
        using var replacement = new TestPasskey();
        var record = await chain.IssueAsync();
        await chain.BindAsync(record.Digest, lost);
        var oldGrant = await chain.GrantByPasskeyAsync(record.Digest, lost);
        await chain.Passkeys.RevokeAsync(record.Digest);
        await chain.BindAsync(record.Digest, replacement);
        var oldEntry = chain.Entry(oldGrant, record.Digest);
        var newEntry = chain.Entry(await chain.GrantByPasskeyAsync(record.Digest, replacement), record.Digest);
        var tree = await chain.LogAsync([oldEntry, newEntry]);
        var oldBody = HolderChain.Body(oldEntry, tree);
        var newBody = HolderChain.Body(newEntry, tree);

        var old = await chain.Service.ReleaseAsync(chain.SignedBy(oldBody), oldBody);
        var renewed = await chain.Service.ReleaseAsync(chain.SignedBy(newBody), newBody);

        Assert.Equal(ExchangeRefusal.ConsentNotBySubject, old.Refusal?.Reason);
        Assert.Equal(HolderAnswerKind.Released, renewed.Kind);
    }
}
