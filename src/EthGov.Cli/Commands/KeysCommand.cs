using System.CommandLine;
using EthGov.Chain.Keys;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov keys new</c>: creates an encrypted Web3 Secret Storage keystore for a new signer.</summary>
public static class KeysCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("file") { Description = "Where to write the keystore (must not exist; created readable by its owner only)" };
        var create = new Command("new", "Create a new signer key as an encrypted keystore file (password from ETHGOV_KEY_PASSWORD)") { path };
        create.SetBody((parse, context, _) =>
        {
            var file = parse.GetValue(path)!;
            var password = Environment.GetEnvironmentVariable(KeyLoader.PasswordVariable);
            if (string.IsNullOrEmpty(password) || password.Length < 8)
            {
                throw new CliException($"set {KeyLoader.PasswordVariable} to a password of at least 8 characters");
            }

            // No check that the name is free first: the creation itself refuses an existing file or link.
            var address = KeyLoader.CreateKeystore(file, password);
            context.Output.Result(new { address, file }, () => [$"new signer {address} written to {file}"]);
            return Task.FromResult(ExitCodes.Success);
        });
        return new Command("keys", "Signer keys (keystore files)") { create };
    }
}
