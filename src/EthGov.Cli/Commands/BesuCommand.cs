using System.CommandLine;
using EthGov.Cli.Common;
using EthGov.Cli.Network;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov besu network</c>: writes the genesis and permissioning files of a Besu network of departments.</summary>
public static class BesuCommand
{
    private static readonly Option<string> s_departments = new("--departments")
    {
        Description = "Departments file naming each department's signer and validator (see docs/besu.md)",
        DefaultValueFactory = _ => "deploy/besu/departments.json",
    };

    private static readonly Option<string> s_template = new("--genesis-template")
    {
        Description = "Genesis file without extraData: chain id, QBFT settings, free gas, block gas limit",
        DefaultValueFactory = _ => "deploy/besu/genesis.template.json",
    };

    private static readonly Option<string> s_out = new("--out")
    {
        Description = "Folder to write genesis.json and permissions_config.toml into",
        DefaultValueFactory = _ => "network",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var network = new Command("network", "Write genesis.json (validators from the departments file) and permissions_config.toml (node and account allowlists)")
        {
            s_departments, s_template, s_out,
        };
        network.SetBody(async (parse, context, ct) =>
        {
            var template = parse.GetValue(s_template)!;
            var (departments, _, _) = DepartmentsFile.Read(parse.GetValue(s_departments)!, BesuNetworkFiles.ReadChainId(template));
            var files = await BesuNetworkFiles.WriteAsync(departments, template, parse.GetValue(s_out)!, ct);
            var result = new
            {
                departments = departments.Select(d => new { d.Code, d.Signer, validator = d.Validator!.ValidatorAddress, enode = d.Validator.ToString() }),
                files,
            };
            context.Output.Result(result, () =>
            [
                .. departments.Select(d => $"{d.Code,-10} signer {d.Signer}  validator {d.Validator!.ValidatorAddress}"),
                .. files.Select(f => $"wrote {f.Path}  sha256 {f.Sha256}"),
            ]);
            return ExitCodes.Success;
        });
        return new Command("besu", "Files for running the chain on Hyperledger Besu (QBFT, one validator per department)") { network };
    }
}
