using System.CommandLine;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov deploy</c>: deploys the registry with the initial departments of a JSON file.</summary>
public static class DeployCommand
{
    private static readonly Option<string> s_departments = new("--departments")
    {
        Description = "JSON file: {\"threshold\": n, \"signerChangeDelay\": seconds, \"departments\": [{\"code\", \"name\", \"signer\": address or dev:N}]}",
        DefaultValueFactory = _ => "config/departments.dev.json",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("deploy", "Deploy the registry with its initial departments and write deployments/<chainId>.json") { s_departments };
        command.SetBody(async (parse, context, ct) =>
        {
            var options = context.ChainOptions();
            var (seeds, threshold, delay) = ReadDepartments(parse.GetValue(s_departments)!, options.ChainId);
            var deployer = context.Signer(options.ChainId, KeyLoader.AcceptsDevKeys(options.ChainId) ? "dev:0" : null);
            var deployment = (await RegistryDeployer.DeployAsync(options, deployer, seeds, threshold, delay, null, ct)).OrFail();
            var path = context.DeploymentPath(options.ChainId);
            await DeploymentFile.SaveAsync(deployment, path, ct);
            context.Output.Result(deployment, () =>
            [
                $"registry  {deployment.Registry}",
                $"chain     {deployment.ChainId} (block {deployment.Block})",
                $"quorum    {threshold} of {seeds.Count} departments",
                $"key delay {deployment.SignerChangeDelay} s between a signer change's request and its apply",
                .. deployment.Departments.Select(d => $"  #{d.Id} {d.Code,-10} {d.Name} (signer {d.Signer})"),
                $"written   {path}",
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static (IReadOnlyList<DepartmentSeed> Seeds, uint Threshold, ulong SignerChangeDelay) ReadDepartments(string path, ulong chainId)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"departments file '{path}' does not exist");
        }

        try
        {
            var file = JsonSerializer.Deserialize<DepartmentsFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
                ?? throw new CliException($"departments file '{path}' is empty");
            if (file.Departments is not { Count: > 0 })
            {
                throw new CliException($"departments file '{path}' lists no departments");
            }

            if (file.SignerChangeDelay is not { } delay || delay > RegistryDeployer.MaxSignerChangeDelaySeconds)
            {
                throw new CliException($"departments file '{path}' must give signerChangeDelay: the seconds between a signer change's request and its apply, at most {RegistryDeployer.MaxSignerChangeDelaySeconds} (30 days)");
            }

            var seeds = file.Departments.Select(d => new DepartmentSeed(d.Code, d.Name, ResolveSigner(d.Signer, chainId))).ToList();
            return (seeds, file.Threshold, delay);
        }
        catch (JsonException ex)
        {
            throw new CliException($"departments file '{path}' is not valid JSON: {ex.Message}");
        }
    }

    private static string ResolveSigner(string signer, ulong chainId)
    {
        if (signer.StartsWith("dev:", StringComparison.Ordinal))
        {
            return KeyLoader.Load(signer, chainId).Address;
        }

        return Nethereum.Util.AddressUtil.Current.IsValidEthereumAddressHexFormat(signer)
            ? signer
            : throw new CliException($"'{signer}' is not an address (0x + 40 hex digits) or dev:N");
    }

    private sealed record DepartmentsFile(uint Threshold, ulong? SignerChangeDelay, List<DepartmentEntry> Departments);

    private sealed record DepartmentEntry(string Code, string Name, string Signer);
}
