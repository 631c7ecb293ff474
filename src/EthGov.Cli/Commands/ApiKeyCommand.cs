using System.CommandLine;
using System.Globalization;
using EthGov.Application.ApiKeys;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov apikey create|list|revoke|rotate</c>: departments' API keys, in the API's data directory. The API may be
/// running: it sees a revocation or rotation within about a second, without a restart. Secrets are shown once and
/// stored only as their SHA-256 hash.
/// </summary>
public static class ApiKeyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => new("apikey", "API keys for departments' systems: create, list, revoke, rotate")
    {
        CreateKey(),
        ListKeys(),
        RevokeKey(),
        RotateKey(),
    };

    private static Command CreateKey()
    {
        var department = new Option<string>("--department") { Required = true, Description = "The department code the key acts for" };
        var scope = new Option<string[]>("--scope")
        {
            Description = $"What the key may do, comma-separated: {string.Join(", ", ApiKeyScopeNames.Known)} (default: {ApiKeyScopeNames.Format(ApiKeyScopeNames.Default)} only)",
            AllowMultipleArgumentsPerToken = false,
        };
        var dataDir = DataDirOption();
        var create = new Command("create", "Create an API key for a department; it is printed once and stored only as its SHA-256 hash") { department, scope, dataDir };
        create.SetBody(async (parse, context, ct) =>
        {
            var code = parse.GetValue(department)!.Trim();
            if (code.Length is 0 or > 32 || !code.All(char.IsAsciiLetterOrDigit))
            {
                throw new CliException("--department must be a department code of 1 to 32 letters and digits");
            }

            var asked = parse.GetValue(scope);
            ApiKeyScopes scopes;
            if (asked is null or [])
            {
                scopes = ApiKeyScopeNames.Default;
                context.Output.Note($"no --scope given: the key may only {ApiKeyScopeNames.Format(scopes)} (least privilege); give --scope {string.Join(',', ApiKeyScopeNames.Known)} or a part of it for more");
            }
            else if (!ApiKeyScopeNames.TryParse(string.Join(',', asked), out scopes, out var error))
            {
                throw new CliException($"--scope: {error}");
            }

            var (key, secret) = await ApiKeyTable.Create(NodeStore.Of(parse, parse.GetValue(dataDir)!)).CreateAsync(code, scopes, ct);
            context.Output.Result(new { id = key.Id, department = key.Department, scopes = ApiKeyScopeNames.Names(key.Scopes), key = secret }, () =>
            [
                secret,
                $"API key {key.Id} for {key.Department} with scope {ApiKeyScopeNames.Format(key.Scopes)}: send it as the {ApiKeyHeader.Name} header. It is shown only now.",
            ]);
            return ExitCodes.Success;
        });
        return create;
    }

    private static Command ListKeys()
    {
        var dataDir = DataDirOption();
        var list = new Command("list", "List the API keys: id, department, scopes, created, last used (to the minute), revoked; never the secrets") { dataDir };
        list.SetBody(async (parse, context, ct) =>
        {
            var keys = await Open(parse, parse.GetValue(dataDir)!).ListAsync(ct);
            context.Output.Result(keys.Select(ToJson).ToArray(), () =>
            [
                $"{"id",4}  {"department",-10}  {"scopes",-30}  {"created",-20}  {"last used",-20}  revoked",
                .. keys.Select(k =>
                    $"{k.Id,4}  {k.Department,-10}  {ApiKeyScopeNames.Format(k.Scopes),-30}  {Time(k.CreatedAt),-20}  {Time(k.LastUsedAt) ?? "never",-20}  {(k.Revoked ? Time(k.RevokedAt) ?? "yes" : "no")}"),
            ]);
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("id") { Description = "The key's id, as `ethgov apikey list` shows it" };
        var dataDir = DataDirOption();
        var revoke = new Command("revoke", "Revoke an API key for good; a running API refuses it within about a second") { id, dataDir };
        revoke.SetBody(async (parse, context, ct) =>
        {
            var keyId = ParseId(parse.GetValue(id)!);
            var (key, revoked) = await Open(parse, parse.GetValue(dataDir)!).RevokeAsync(keyId, ct);
            if (key is null)
            {
                throw new CliException($"there is no API key {keyId} (see ethgov apikey list)");
            }

            context.Output.Result(ToJson(key), () =>
            [
                revoked
                    ? $"API key {key.Id} of {key.Department} revoked; a running API refuses it within about a second"
                    : $"API key {key.Id} of {key.Department} was already revoked",
            ]);
            return ExitCodes.Success;
        });
        return revoke;
    }

    private static Command RotateKey()
    {
        var id = new Argument<string>("id") { Description = "The key's id, as `ethgov apikey list` shows it" };
        var dataDir = DataDirOption();
        var rotate = new Command("rotate", "Give an API key a new secret (same id, department and scopes); the old secret stops working within about a second, with no grace period") { id, dataDir };
        rotate.SetBody(async (parse, context, ct) =>
        {
            var keyId = ParseId(parse.GetValue(id)!);
            var (key, secret) = await Open(parse, parse.GetValue(dataDir)!).RotateAsync(keyId, ct);
            if (key is null)
            {
                throw new CliException($"there is no API key {keyId} (see ethgov apikey list)");
            }

            if (secret is null)
            {
                throw new CliException($"API key {keyId} is revoked and stays so; create a new one with ethgov apikey create");
            }

            context.Output.Result(new { id = key.Id, department = key.Department, scopes = ApiKeyScopeNames.Names(key.Scopes), key = secret }, () =>
            [
                secret,
                $"API key {key.Id} of {key.Department} has a new secret, shown only now; the old one stops working within about a second.",
            ]);
            return ExitCodes.Success;
        });
        return rotate;
    }

    private static Option<string> DataDirOption() => new("--data-dir")
    {
        Description = "The API's data directory (EthGov:DataDirectory; env ETHGOV_DATA_DIR)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_DATA_DIR") ?? Path.Combine("data", "31337"),
    };

    private static ApiKeyTable Open(ParseResult parse, string dataDirectory)
    {
        try
        {
            return ApiKeyTable.OpenExisting(NodeStore.OfExisting(parse, dataDirectory));
        }
        catch (FileNotFoundException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static long ParseId(string text)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliException($"'{text}' is not an API key id: give the number `ethgov apikey list` shows");

    private static object ToJson(ApiKeyInfo key) => new
    {
        id = key.Id,
        department = key.Department,
        scopes = ApiKeyScopeNames.Names(key.Scopes),
        createdAt = key.CreatedAt,
        rotatedAt = key.RotatedAt,
        lastUsedAt = key.LastUsedAt,
        revoked = key.Revoked,
        revokedAt = key.RevokedAt,
    };

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
