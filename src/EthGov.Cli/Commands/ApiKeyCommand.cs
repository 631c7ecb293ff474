using System.CommandLine;
using EthGov.Api.Auth;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov apikey create</c>: a department's API key, stored by the API only as a hash and shown once.</summary>
public static class ApiKeyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var department = new Option<string>("--department") { Required = true, Description = "The department code the key acts for" };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "The API's data directory (EthGov:DataDirectory; env ETHGOV_DATA_DIR)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_DATA_DIR") ?? Path.Combine("data", "31337"),
        };
        var create = new Command("create", "Create an API key for a department; it is printed once and stored only as its SHA-256 hash") { department, dataDir };
        create.SetBody(async (parse, context, ct) =>
        {
            var code = parse.GetValue(department)!.Trim();
            if (code.Length is 0 or > 32 || !code.All(char.IsAsciiLetterOrDigit))
            {
                throw new CliException("--department must be a department code of 1 to 32 letters and digits");
            }

            var key = await ApiKeyStore.CreateAsync(parse.GetValue(dataDir)!, code, ct);
            context.Output.Result(new { department = code.ToUpperInvariant(), key }, () =>
            [
                key,
                $"API key for {code.ToUpperInvariant()}: send it as the {ApiKeyAuthentication.HeaderName} header. It is shown only now.",
            ]);
            return ExitCodes.Success;
        });
        return new Command("apikey", "API keys for departments' systems") { create };
    }
}
