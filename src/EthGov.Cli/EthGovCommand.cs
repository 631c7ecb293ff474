using System.CommandLine;
using EthGov.Cli.Commands;
using EthGov.Cli.Common;

namespace EthGov.Cli;

/// <summary>The root command: every <c>ethgov</c> subcommand and the global options.</summary>
public static class EthGovCommand
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("ethgov: anchor and verify public-service records on Ethereum")
        {
            DeployCommand.Create(),
            DepartmentsCommand.Create(),
            AnchorCommand.Create(),
            VerifyCommand.Create(),
            StatusCommand.Create(),
            RevokeCommand.Create(),
            SupersedeCommand.Create(),
            GrantCommand.Create(),
            GrantCommand.CreateAccess(),
            KeysCommand.Create(),
            NodeCommand.Create(),
            ApiKeyCommand.Create(),
            StaffCommand.Create(),
            AuditCommand.Create(),
            BesuCommand.Create(),
        };
        GlobalOptions.AddTo(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors are one line and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            CommandRunner.Err.WriteLine($"ethgov: {CliOutput.OneLine(string.Join("; ", parse.Errors.Select(e => e.Message)))} (see ethgov --help)");
            return ExitCodes.Error;
        }

        return await parse.InvokeAsync();
    }
}
