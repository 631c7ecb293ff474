using System.Security.Cryptography;
using EthGov.Application.Passkeys;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Application.Tests.Passkeys;

/// <summary>Registration codes and bindings on a database of their own.</summary>
public sealed class PasskeyBindingStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ethgov-passkeys-").FullName;
    private readonly PasskeyBindingStore _store;

    public PasskeyBindingStoreTests()
    {
        var database = TestStore.Database(_directory);
        database.EnsureCreated();
        _store = new PasskeyBindingStore(database);
    }

    [Fact]
    public async Task BindRecord_OneCodeRacedByTwentyPasskeys_BindsExactlyOne()
    {
        var record = new Digest(RandomNumberGenerator.GetBytes(32));
        var (code, _) = await _store.IssueCodeAsync(record, 1, PasskeyRole.Self, TimeSpan.FromHours(1));
        var entry = (await _store.FindCodeAsync(RegistrationCode.Hash(code)!))!;
        var passkeys = Enumerable.Range(0, 20).Select(_ => new TestPasskey()).ToList();

        var outcomes = await Task.WhenAll(passkeys.Select(p => _store.BindRecordAsync(entry, new NewPasskey(p.X, p.Y, p.CredentialId))));

        Assert.Single(outcomes, o => o.Outcome == BindOutcome.Bound);
        Assert.Equal(outcomes.Single(o => o.Outcome == BindOutcome.Bound).Binding!.PasskeyId, (await _store.LiveAsync(record))!.PasskeyId);
        passkeys.ForEach(p => p.Dispose());
    }

    [Fact]
    public async Task BindRecord_SecondCodeWhileBound_IsAlreadyBoundAndLeavesTheCodeUnused()
    {
        using var first = new TestPasskey();
        using var second = new TestPasskey();
        var record = new Digest(RandomNumberGenerator.GetBytes(32));
        var one = await EntryAsync(record);
        var two = await EntryAsync(record);
        await _store.BindRecordAsync(one, new NewPasskey(first.X, first.Y, first.CredentialId));

        var (outcome, _) = await _store.BindRecordAsync(two, new NewPasskey(second.X, second.Y, second.CredentialId));
        await _store.RevokeAsync(record);
        var (afterRevocation, _) = await _store.BindRecordAsync(two, new NewPasskey(second.X, second.Y, second.CredentialId));

        Assert.Equal(BindOutcome.AlreadyBound, outcome);
        Assert.Equal(BindOutcome.Bound, afterRevocation);
        Assert.Equal(second.Id, (await _store.LiveAsync(record))!.PasskeyId);
    }

    [Fact]
    public async Task BindRecord_ExpiredCode_IsCodeUsedAndBindsNothing()
    {
        using var passkey = new TestPasskey();
        var record = new Digest(RandomNumberGenerator.GetBytes(32));
        var (code, _) = await _store.IssueCodeAsync(record, 1, PasskeyRole.Self, TimeSpan.FromMilliseconds(1));
        var entry = (await _store.FindCodeAsync(RegistrationCode.Hash(code)!))!;
        await Task.Delay(20);

        var (outcome, _) = await _store.BindRecordAsync(entry, new NewPasskey(passkey.X, passkey.Y, passkey.CredentialId));

        Assert.Equal(BindOutcome.CodeUsed, outcome);
        Assert.Null(await _store.LiveAsync(record));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<RegistrationCodeEntry> EntryAsync(Digest record)
    {
        var (code, _) = await _store.IssueCodeAsync(record, 1, PasskeyRole.Self, TimeSpan.FromHours(1));
        return (await _store.FindCodeAsync(RegistrationCode.Hash(code)!))!;
    }
}
