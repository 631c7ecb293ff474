using System.CommandLine;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Cli.Common;
using EthGov.Cli.Network;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov deploy</c>: deploys the registry with the initial departments of a JSON file.</summary>
public static class DeployCommand
{
    private static readonly Option<string> s_departments = new("--departments")
    {
        Description = "JSON file: {\"threshold\": n, \"departments\": [{\"code\", \"name\", \"signer\": keystore file, address or dev:N}]}",
        DefaultValueFactory = _ => "config/departments.dev.json",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("deploy", "Deploy the registry with its initial departments and write deployments/<chainId>.json") { s_departments };
        command.SetBody(async (parse, context, ct) =>
        {
            var options = context.ChainOptions();
            var (departments, threshold) = DepartmentsFile.Read(parse.GetValue(s_departments)!, options.ChainId);
            var seeds = departments.Select(d => new DepartmentSeed(d.Code, d.Name, d.Signer)).ToList();
            var deployer = context.Signer(options.ChainId, KeyLoader.AcceptsDevKeys(options.ChainId) ? "dev:0" : null);
            var deployment = (await RegistryDeployer.DeployAsync(options, deployer, seeds, threshold, ct)).OrFail();
            var path = context.DeploymentPath(options.ChainId);
            await DeploymentFile.SaveAsync(deployment, path, ct);
            context.Output.Result(deployment, () =>
            [
                $"registry  {deployment.Registry}",
                $"chain     {deployment.ChainId} (block {deployment.Block})",
                $"quorum    {threshold} of {seeds.Count} departments",
                .. deployment.Departments.Select(d => $"  #{d.Id} {d.Code,-10} {d.Name} (signer {d.Signer})"),
                $"written   {path}",
            ]);
            return ExitCodes.Success;
        });
        return command;
    }
}
