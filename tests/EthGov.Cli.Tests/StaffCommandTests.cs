using System.Text.Json;
using EthGov.Application.Staff;
using EthGov.Application.Storage;
using Microsoft.Extensions.Options;

namespace EthGov.Cli.Tests;

public class StaffCommandTests
{
    [Fact]
    public async Task StaffAdd_PrintsAOneTimePasswordThatSignsIn_AndMustBeChanged()
    {
        var dataDir = NewDataDirectory();

        var run = await CliProcess.RunAsync(dataDir, null, "staff", "add", "alice", "--roles", "anchor,approver", "--department", "civil", "--data-dir", dataDir, "--json");

        Assert.Equal(0, run.ExitCode);
        using var output = JsonDocument.Parse(run.Stdout);
        var password = output.RootElement.GetProperty("oneTimePassword").GetString()!;
        var account = output.RootElement.GetProperty("account");
        Assert.Equal("CIVIL", account.GetProperty("department").GetString());
        Assert.Equal(["anchor", "approver"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var signedIn = await SignIn(dataDir).SignInAsync("alice", password);
        Assert.True(signedIn!.MustChangePassword);
        var stored = string.Concat(Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffAdd_PasswordStdin_TakesThePasswordFromStandardInput_AndPrintsNone()
    {
        var dataDir = NewDataDirectory();

        var run = await CliProcess.RunWithInputAsync(dataDir, null, "chosen by the operator\n", "staff", "add", "bob", "--roles", "revoke", "--department", "HEALTH", "--password-stdin", "--data-dir", dataDir);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("chosen by the operator", run.Stdout, StringComparison.Ordinal);
        Assert.NotNull(await SignIn(dataDir).SignInAsync("bob", "chosen by the operator"));
    }

    [Theory]
    [InlineData("carol", "anchor,admin", "CIVIL")]
    [InlineData("carol", "anchor", "CIV;IL")]
    [InlineData("'; DROP TABLE staff_accounts;--", "anchor", "CIVIL")]
    public async Task StaffAdd_BadRolesDepartmentOrName_ExitsTwo_WithOneLine_AndAddsNothing(string name, string roles, string department)
    {
        var dataDir = NewDataDirectory();

        var run = await CliProcess.RunAsync(dataDir, null, "staff", "add", name, "--roles", roles, "--department", department, "--data-dir", dataDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Empty(await Accounts(dataDir).ListAsync());
    }

    [Fact]
    public async Task StaffAdd_TakenName_ExitsTwo()
    {
        var dataDir = NewDataDirectory();
        await CliProcess.RunAsync(dataDir, null, "staff", "add", "dave", "--roles", "anchor", "--department", "CIVIL", "--data-dir", dataDir);

        var run = await CliProcess.RunAsync(dataDir, null, "staff", "add", "DAVE", "--roles", "governance", "--department", "CIVIL", "--data-dir", dataDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffRoles_SetsExactlyTheGivenRoles_AndListShowsThem()
    {
        var dataDir = NewDataDirectory();
        await CliProcess.RunAsync(dataDir, null, "staff", "add", "erin", "--roles", "anchor,revoke", "--department", "CIVIL", "--data-dir", dataDir);

        var roles = await CliProcess.RunAsync(dataDir, null, "staff", "roles", "erin", "--set", "grants,exchanges", "--data-dir", dataDir);
        var list = await CliProcess.RunAsync(dataDir, null, "staff", "list", "--data-dir", dataDir, "--json");

        Assert.Equal(0, roles.ExitCode);
        using var output = JsonDocument.Parse(list.Stdout);
        var erin = Assert.Single(output.RootElement.EnumerateArray());
        Assert.Equal(["grants", "exchanges"], erin.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(erin.TryGetProperty("passwordHash", out _));
        Assert.Equal(2, (await CliProcess.RunAsync(dataDir, null, "staff", "roles", "nobody", "--set", "anchor", "--data-dir", dataDir)).ExitCode);
    }

    [Fact]
    public async Task StaffDisable_RefusesTheClerksSignIn_AndSaysSoTheSecondTime()
    {
        var dataDir = NewDataDirectory();
        var added = await CliProcess.RunAsync(dataDir, null, "staff", "add", "frank", "--roles", "anchor", "--department", "CIVIL", "--data-dir", dataDir, "--json");
        using var output = JsonDocument.Parse(added.Stdout);
        var password = output.RootElement.GetProperty("oneTimePassword").GetString()!;

        var first = await CliProcess.RunAsync(dataDir, null, "staff", "disable", "frank", "--data-dir", dataDir);
        var second = await CliProcess.RunAsync(dataDir, null, "staff", "disable", "frank", "--data-dir", dataDir);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("already disabled", second.Stdout, StringComparison.Ordinal);
        Assert.Null(await SignIn(dataDir).SignInAsync("frank", password));
        Assert.Contains("disabled", (await CliProcess.RunAsync(dataDir, null, "staff", "list", "--data-dir", dataDir)).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_WithoutADatabase_ExitsTwo()
    {
        var empty = Directory.CreateTempSubdirectory("ethgov-staff-").FullName;

        var run = await CliProcess.RunAsync(empty, null, "staff", "list", "--data-dir", Path.Combine(empty, "missing"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no EthGov database", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffLink_BindsThePerson_WhoThenSignsInAsTheClerk_AndUnlinkUnbinds()
    {
        var dataDir = NewDataDirectory();
        await CliProcess.RunAsync(dataDir, null, "staff", "add", "gina", "--roles", "revoke", "--department", "CIVIL", "--data-dir", dataDir);

        var link = await CliProcess.RunAsync(dataDir, null, "staff", "link", "gina", "--issuer", "https://login.civil.example/", "--subject", "248289761001", "--data-dir", dataDir);
        var (linked, _, _) = await SignIn(dataDir).SignInLinkedAsync("https://login.civil.example/", "248289761001");
        var (otherIssuer, refusal, _) = await SignIn(dataDir).SignInLinkedAsync("https://login.health.example/", "248289761001");
        var unlink = await CliProcess.RunAsync(dataDir, null, "staff", "unlink", "gina", "--data-dir", dataDir);
        var (afterUnlink, _, _) = await SignIn(dataDir).SignInLinkedAsync("https://login.civil.example/", "248289761001");

        Assert.Equal(0, link.ExitCode);
        Assert.Equal("gina", linked?.Name);
        Assert.Null(otherIssuer);
        Assert.Equal(LinkedSignInRefusal.NotLinked, refusal);
        Assert.Equal(0, unlink.ExitCode);
        Assert.Null(afterUnlink);
    }

    [Fact]
    public async Task StaffLink_PersonBoundToAnotherClerk_ExitsTwo_AndKeepsTheFirstBinding()
    {
        var dataDir = NewDataDirectory();
        await CliProcess.RunAsync(dataDir, null, "staff", "add", "hank", "--roles", "anchor", "--department", "CIVIL", "--data-dir", dataDir);
        await CliProcess.RunAsync(dataDir, null, "staff", "add", "ivy", "--roles", "anchor,revoke,governance", "--department", "CIVIL", "--data-dir", dataDir);
        await CliProcess.RunAsync(dataDir, null, "staff", "link", "hank", "--issuer", "https://login.civil.example/", "--subject", "s-1", "--data-dir", dataDir);

        var run = await CliProcess.RunAsync(dataDir, null, "staff", "link", "ivy", "--issuer", "https://login.civil.example/", "--subject", "s-1", "--data-dir", dataDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("hank", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("hank", (await Accounts(dataDir).FindLinkedAsync("https://login.civil.example/", "s-1"))?.Name);
    }

    [Theory]
    [InlineData("http://login.civil.example/", "s-1")]
    [InlineData("login.civil.example", "s-1")]
    [InlineData("https://login.civil.example/", "")]
    public async Task StaffLink_PlainHttpIssuerOrEmptySubject_ExitsTwo(string issuer, string subject)
    {
        var dataDir = NewDataDirectory();
        await CliProcess.RunAsync(dataDir, null, "staff", "add", "jack", "--roles", "anchor", "--department", "CIVIL", "--data-dir", dataDir);

        var run = await CliProcess.RunAsync(dataDir, null, "staff", "link", "jack", "--issuer", issuer, "--subject", subject, "--data-dir", dataDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Null(await Accounts(dataDir).LinkOfAsync((await Accounts(dataDir).FindAsync("jack"))!.Id));
    }

    private static string NewDataDirectory()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-staff-").FullName;
        new Database(dataDir).EnsureCreated();
        return dataDir;
    }

    private static StaffAccounts Accounts(string dataDir) => StaffAccounts.OpenExisting(new Database(dataDir));

    private static StaffSignIn SignIn(string dataDir)
        => new(Accounts(dataDir), new StaffPasswords(), Options.Create(new StaffOptions()), TimeProvider.System);
}
