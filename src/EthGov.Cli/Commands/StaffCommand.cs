using System.CommandLine;
using System.Globalization;
using EthGov.Application.Staff;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov staff add|roles|list|disable|link|unlink</c>: clerks' accounts on a department's node, in its data directory. The node
/// may be running: each request of a session re-reads its account, so new roles and a disabled account apply at the
/// clerk's next request. Passwords are stored only as their hash.
/// </summary>
public static class StaffCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => new("staff", "Clerks' accounts for the department workspace: add, roles, list, disable, link, unlink")
    {
        Add(),
        Roles(),
        List(),
        Disable(),
        Link(),
        Unlink(),
    };

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The sign-in name: letters, digits, '.', '-' or '_'" };
        var roles = new Option<string>("--roles") { Required = true, Description = $"Comma-separated: {string.Join(", ", StaffRoles.Known)}" };
        var department = new Option<string>("--department") { Required = true, Description = "The department code the clerk acts for" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the first password from standard input instead of making a random one" };
        var dataDir = DataDirOption();
        var add = new Command("add", "Add a clerk; prints a one-time password (or takes one from standard input) that must be changed at first sign-in")
        {
            name, roles, department, passwordStdin, dataDir,
        };
        add.SetBody(async (parse, context, ct) =>
        {
            var asked = ParseRoles(parse.GetValue(roles));
            var password = parse.GetValue(passwordStdin) ? ReadPassword() : StaffPasswords.NewOneTimePassword();
            StaffAccount? account;
            try
            {
                account = await Open(parse, parse.GetValue(dataDir)!).AddAsync(parse.GetValue(name)!.Trim(), parse.GetValue(department)!.Trim(), asked, password, mustChangePassword: true, ct);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter", 2)[0]);
            }

            if (account is null)
            {
                throw new CliException($"there is already an account named {parse.GetValue(name)} (names are never reused; see ethgov staff list)");
            }

            var shown = parse.GetValue(passwordStdin) ? null : password;
            context.Output.Result(new { account = ToJson(account), oneTimePassword = shown }, () =>
            [
                .. shown is null ? Array.Empty<string>() : [shown],
                $"clerk {account.Name} of {account.Department} with roles {Format(account.Roles)}: the password must be changed at first sign-in{(shown is null ? "" : "; it is shown only now")}.",
            ]);
            return ExitCodes.Success;
        });
        return add;
    }

    private static Command Roles()
    {
        var name = new Argument<string>("name") { Description = "The clerk's sign-in name" };
        var set = new Option<string>("--set") { Required = true, Description = $"The clerk's roles from now on, comma-separated: {string.Join(", ", StaffRoles.Known)}" };
        var dataDir = DataDirOption();
        var roles = new Command("roles", "Set a clerk's roles; a running node applies them at the clerk's next request") { name, set, dataDir };
        roles.SetBody(async (parse, context, ct) =>
        {
            var account = await Open(parse, parse.GetValue(dataDir)!).SetRolesAsync(parse.GetValue(name)!, ParseRoles(parse.GetValue(set)), ct)
                ?? throw new CliException($"there is no account named {parse.GetValue(name)} (see ethgov staff list)");
            context.Output.Result(ToJson(account), () => [$"clerk {account.Name} of {account.Department} now has roles {Format(account.Roles)}"]);
            return ExitCodes.Success;
        });
        return roles;
    }

    private static Command List()
    {
        var dataDir = DataDirOption();
        var list = new Command("list", "List the clerks: name, department, roles, last sign-in, locked, disabled; never a password") { dataDir };
        list.SetBody(async (parse, context, ct) =>
        {
            var accounts = await Open(parse, parse.GetValue(dataDir)!).ListAsync(ct);
            context.Output.Result(accounts.Select(ToJson).ToArray(), () =>
            [
                $"{"name",-20}  {"department",-10}  {"roles",-40}  {"last sign-in",-20}  state",
                .. accounts.Select(a => $"{a.Name,-20}  {a.Department,-10}  {Format(a.Roles),-40}  {Time(a.LastSignInAt) ?? "never",-20}  {State(a)}"),
            ]);
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command Disable()
    {
        var name = new Argument<string>("name") { Description = "The clerk's sign-in name" };
        var dataDir = DataDirOption();
        var disable = new Command("disable", "Disable a clerk for good; their sessions end at their next request") { name, dataDir };
        disable.SetBody(async (parse, context, ct) =>
        {
            var (account, disabled) = await Open(parse, parse.GetValue(dataDir)!).DisableAsync(parse.GetValue(name)!, ct);
            if (account is null)
            {
                throw new CliException($"there is no account named {parse.GetValue(name)} (see ethgov staff list)");
            }

            context.Output.Result(ToJson(account), () =>
            [
                disabled ? $"clerk {account.Name} of {account.Department} disabled; their sessions end at their next request" : $"clerk {account.Name} was already disabled",
            ]);
            return ExitCodes.Success;
        });
        return disable;
    }

    private static Command Link()
    {
        var name = new Argument<string>("name") { Description = "The clerk's sign-in name" };
        var issuer = new Option<string>("--issuer") { Required = true, Description = "The provider's issuer, exactly as in its /.well-known/openid-configuration" };
        var subject = new Option<string>("--subject") { Required = true, Description = "The person's identifier at the provider (the claim EthGov:Staff:Oidc:SubjectClaim names, sub by default)" };
        var dataDir = DataDirOption();
        var link = new Command("link", "Bind a clerk to a person at the department's OpenID Connect provider; that person then signs in as the clerk, with the clerk's roles")
        {
            name, issuer, subject, dataDir,
        };
        link.SetBody(async (parse, context, ct) =>
        {
            StaffAccount? account;
            string? taken;
            try
            {
                (account, taken) = await Open(parse, parse.GetValue(dataDir)!).LinkAsync(parse.GetValue(name)!, parse.GetValue(issuer)!.Trim(), parse.GetValue(subject)!, ct);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter", 2)[0]);
            }

            if (taken is not null)
            {
                throw new CliException($"that person is bound to clerk {taken} already: ethgov staff unlink {taken} first");
            }

            if (account is null)
            {
                throw new CliException($"there is no active account named {parse.GetValue(name)} (see ethgov staff list)");
            }

            context.Output.Result(new { account = ToJson(account), issuer = parse.GetValue(issuer)!.Trim(), subject = parse.GetValue(subject) }, () =>
                [$"clerk {account.Name} of {account.Department} now signs in as {parse.GetValue(subject)} at {parse.GetValue(issuer)!.Trim()}, with roles {Format(account.Roles)}"]);
            return ExitCodes.Success;
        });
        return link;
    }

    private static Command Unlink()
    {
        var name = new Argument<string>("name") { Description = "The clerk's sign-in name" };
        var dataDir = DataDirOption();
        var unlink = new Command("unlink", "Remove a clerk's binding to a person at the provider; sessions already open go on until they end") { name, dataDir };
        unlink.SetBody(async (parse, context, ct) =>
        {
            var account = await Open(parse, parse.GetValue(dataDir)!).UnlinkAsync(parse.GetValue(name)!, ct)
                ?? throw new CliException($"there is no account named {parse.GetValue(name)} (see ethgov staff list)");
            context.Output.Result(ToJson(account), () => [$"clerk {account.Name} of {account.Department} is bound to no person at a provider"]);
            return ExitCodes.Success;
        });
        return unlink;
    }

    private static StaffRoles ParseRoles(string? text)
        => StaffRoles.TryParse(text, out var roles, out var error) ? roles : throw new CliException($"--roles: {error}");

    private static string ReadPassword()
    {
        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? throw new CliException("--password-stdin: standard input holds no password") : line;
    }

    private static Option<string> DataDirOption() => new("--data-dir")
    {
        Description = "The node's data directory (EthGov:DataDirectory; env ETHGOV_DATA_DIR)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_DATA_DIR") ?? Path.Combine("data", "31337"),
    };

    private static StaffAccounts Open(ParseResult parse, string dataDirectory)
    {
        try
        {
            return StaffAccounts.OpenExisting(NodeStore.OfExisting(parse, dataDirectory));
        }
        catch (FileNotFoundException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static string Format(StaffRoles roles) => roles.IsEmpty ? "none" : roles.Format();

    private static string State(StaffAccount account)
        => account.Disabled ? "disabled " + Time(account.DisabledAt)
            : account.LockedUntil > DateTimeOffset.UtcNow ? "locked until " + Time(account.LockedUntil)
            : account.MustChangePassword ? "one-time password" : "active";

    private static object ToJson(StaffAccount account) => new
    {
        name = account.Name,
        department = account.Department,
        roles = account.Roles.Names(),
        mustChangePassword = account.MustChangePassword,
        createdAt = account.CreatedAt,
        lastSignInAt = account.LastSignInAt,
        lockedUntil = account.LockedUntil,
        disabled = account.Disabled,
        disabledAt = account.DisabledAt,
    };

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
