using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Application.Storage;
using EthGov.Application.Tests.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using EthGov.Testing;

namespace EthGov.Application.Tests.Staff;

public sealed class StaffSignInTests
{
    private const string Password = "correct horse battery";

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Database _database;
    private readonly StaffAccounts _accounts;
    private readonly StaffSignIn _signIn;
    private readonly CountingHasher _hasher = new();

    public StaffSignInTests()
    {
        _database = TestStore.Database(Directory.CreateTempSubdirectory("ethgov-staff-").FullName);
        _database.EnsureCreated();
        var passwords = new StaffPasswords(_hasher);
        _accounts = new StaffAccounts(_database, passwords);
        _signIn = new StaffSignIn(_accounts, passwords, Options.Create(new StaffOptions { MaxFailedSignIns = 3, LockoutDuration = TimeSpan.FromMinutes(10) }), _time);
    }

    [Fact]
    public async Task SignIn_RightPassword_ReturnsTheAccount_AndNoTableHoldsThePassword()
    {
        await AddAsync("alice");

        var account = await _signIn.SignInAsync("ALICE", Password);

        Assert.Equal("alice", account?.Name);
        // SQLite: the file and its write-ahead log, where the latest commits may still be.
        var stored = _database.IsSqlite
            ? string.Concat(await Task.WhenAll(new[] { _database.Path, _database.Path + "-wal" }.Where(File.Exists)
                .Select(async path => System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path)))))
            : string.Join("\n", StoredText());
        Assert.Contains("alice", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("horse battery", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice", "wrong password!!")]
    [InlineData("nobody", Password)]
    [InlineData("alice", "")]
    [InlineData("alice'--", Password)]
    public async Task SignIn_WrongNameOrPassword_IsRefused(string name, string password)
    {
        await AddAsync("alice");

        Assert.Null(await _signIn.SignInAsync(name, password));
    }

    [Fact]
    public async Task SignIn_AfterMaxFailures_RefusesTheRightPassword_UntilTheLockoutEnds()
    {
        await AddAsync("bob");
        await AddAsync("carol");
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await _signIn.SignInAsync("bob", "not the password " + i));
        }

        Assert.Null(await _signIn.SignInAsync("bob", Password));
        Assert.NotNull(await _signIn.SignInAsync("carol", Password));

        _time.Now += TimeSpan.FromMinutes(11);
        Assert.NotNull(await _signIn.SignInAsync("bob", Password));
    }

    [Fact]
    public async Task SignIn_ASuccessBetweenFailures_StartsTheCountAgain()
    {
        await AddAsync("dave");
        await _signIn.SignInAsync("dave", "wrong one here 1");
        await _signIn.SignInAsync("dave", "wrong one here 2");
        Assert.NotNull(await _signIn.SignInAsync("dave", Password));

        await _signIn.SignInAsync("dave", "wrong one here 3");
        await _signIn.SignInAsync("dave", "wrong one here 4");

        Assert.NotNull(await _signIn.SignInAsync("dave", Password));
    }

    [Fact]
    public async Task SignIn_ConcurrentGuesses_LockTheAccount_AndARightGuessAmongThemAfterTheLockIsRefused()
    {
        await AddAsync("erin");

        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => _signIn.SignInAsync("erin", "guess number " + i))));

        Assert.All(guesses, Assert.Null);
        Assert.NotNull((await _accounts.FindAsync("erin"))!.LockedUntil);
        Assert.Null(await _signIn.SignInAsync("erin", Password));
    }

    [Fact]
    public async Task SignIn_DisabledAccount_IsRefused()
    {
        await AddAsync("frank");

        var (_, disabled) = await _accounts.DisableAsync("frank");

        Assert.True(disabled);
        Assert.Null(await _signIn.SignInAsync("frank", Password));
        Assert.False((await _accounts.DisableAsync("frank")).Disabled);
    }

    [Fact]
    public async Task SignIn_UnknownName_RunsTheSameHashAsAWrongPassword()
    {
        // Timing cannot tell which names exist when both answers run one PBKDF2 verification of the same format
        // (Identity's current one: the unknown-name hash is made at start by the same hasher).
        await AddAsync("grace");

        var before = _hasher.Verifications;
        Assert.Null(await _signIn.SignInAsync("grace", "a wrong password"));
        var known = _hasher.Verifications - before;
        before = _hasher.Verifications;
        Assert.Null(await _signIn.SignInAsync("no-such-clerk", "a wrong password"));
        var unknown = _hasher.Verifications - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
        Assert.All(_hasher.VerifiedFormats, format => Assert.Equal(_hasher.VerifiedFormats[0], format));
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_ClearsTheOneTimeFlag_AndMovesTheStamp()
    {
        var account = (await _accounts.AddAsync("heidi", "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: true))!;
        Assert.True(account.MustChangePassword);

        var (_, wrong) = await _signIn.ChangePasswordAsync(account, "not the password", "a brand new secret");
        var (_, weak) = await _signIn.ChangePasswordAsync(account, Password, "short");
        var (changed, refusal) = await _signIn.ChangePasswordAsync(account, Password, "a brand new secret");

        Assert.True(wrong!.NotAllowed);
        Assert.False(weak!.NotAllowed);
        Assert.Null(refusal);
        Assert.False(changed!.MustChangePassword);
        Assert.NotEqual(account.Stamp, changed.Stamp);
        Assert.Null(await _signIn.SignInAsync("heidi", Password));
        Assert.NotNull(await _signIn.SignInAsync("heidi", "a brand new secret"));
    }

    [Theory]
    [InlineData("", "CIVIL", Password)]
    [InlineData("-lead", "CIVIL", Password)]
    [InlineData("ivan\n", "CIVIL", Password)]
    [InlineData("ivan", "CIV IL", Password)]
    [InlineData("ivan", "CIVIL", "short")]
    [InlineData("ivan", "CIVIL", "ivan-ivan-ivan-ivan")]
    [InlineData("ivan", "CIVIL", "aaaaaaaaaaaaaaaa")]
    public async Task Add_BadNameDepartmentOrPassword_Throws(string name, string department, string password)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _accounts.AddAsync(name, department, StaffRoles.None, password, false));
    }

    [Fact]
    public async Task Add_TakenName_CaseIgnored_ReturnsNull()
    {
        await AddAsync("judy");

        Assert.Null(await _accounts.AddAsync("JUDY", "HEALTH", StaffRoles.None, Password, false));
    }

    [Theory]
    [InlineData("anchor,revoke", ApiKeyScopes.Anchor | ApiKeyScopes.Revoke, false)]
    [InlineData(" Approver , records", ApiKeyScopes.Records, true)]
    [InlineData("", ApiKeyScopes.None, false)]
    public void Roles_Parse(string text, ApiKeyScopes scopes, bool approver)
    {
        Assert.True(StaffRoles.TryParse(text, out var roles, out _));
        Assert.Equal(new StaffRoles(scopes, approver), roles);
    }

    [Fact]
    public void Roles_UnknownName_IsRefused()
    {
        Assert.False(StaffRoles.TryParse("anchor,admin", out _, out var error));
        Assert.Contains("admin", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_Write_KeepsTheLine_AndFailsWhenTheTableRefusesIt()
    {
        var audit = new StaffAudit(_database, _time);
        await audit.WriteAsync("kim", "CIVIL", "RevokeDocument", "digest=0xab");
        using (var connection = _database.Connect())
        {
            Database.Execute(connection, "ALTER TABLE staff_audit RENAME TO staff_audit_away");
        }

        await Assert.ThrowsAsync<StaffAuditUnavailableException>(() => audit.WriteAsync("kim", "CIVIL", "AnchorDocument", null));
        using (var connection = _database.Connect())
        {
            Database.Execute(connection, "ALTER TABLE staff_audit_away RENAME TO staff_audit");
        }

        var line = Assert.Single(await audit.LatestAsync("CIVIL", 10));
        Assert.Equal(("kim", "RevokeDocument", "digest=0xab", _time.Now), (line.Name, line.Action, line.Target, line.At));
    }

    // Every text column of the staff tables, as PostgreSQL stores them (its files are the server's, not the node's).
    private List<string> StoredText()
    {
        using var connection = _database.Connect();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT name || ' ' || roles || ' ' || password_hash FROM staff_accounts UNION ALL SELECT name || ' ' || action || ' ' || coalesce(target, '') FROM staff_audit";
        using var reader = select.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private Task<StaffAccount?> AddAsync(string name)
        => _accounts.AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false);

    /// <summary>Identity's hasher, counting verifications and noting the format byte of each hash verified against.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffAccount>
    {
        private readonly PasswordHasher<StaffAccount> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public List<byte> VerifiedFormats { get; } = [];

        public string HashPassword(StaffAccount user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffAccount user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            lock (VerifiedFormats)
            {
                VerifiedFormats.Add(Convert.FromBase64String(hashedPassword)[0]);
            }

            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
