using System.CommandLine;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Verification;
using EthGov.Cli.Common;
using EthGov.Cli.Network;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov deploy</c>: deploys the registry with the initial departments of a JSON file, and their node entries.</summary>
public static class DeployCommand
{
    private static readonly Option<string> s_departments = new("--departments")
    {
        Description = "JSON file: {\"threshold\": n, \"signerChangeDelay\": seconds, \"departments\": [{\"code\", \"name\", \"signer\": keystore file, address or dev:N, "
            + "\"node\"?: {\"url\", \"key\": node public-key file, key file or dev:N}}]}",
        DefaultValueFactory = _ => "config/departments.dev.json",
    };

    private static readonly Option<string?> s_migrateFrom = new("--migrate-from")
    {
        Description = "The deployment file of a registry 1.x to take over from: its active departments (in id order, each with its first signer) "
            + "and threshold are read from that registry, whose documents keep verifying and stay revocable (docs/operations.md, the cut-over)",
    };

    private static readonly Option<ulong?> s_signerChangeDelay = new("--signer-change-delay")
    {
        Description = "With --migrate-from: seconds between a signer change's request and its apply (at most 30 days)",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("deploy", "Deploy the registry with its initial departments and write deployments/<chainId>.json")
        {
            s_departments, s_migrateFrom, s_signerChangeDelay,
        };
        command.SetBody(async (parse, context, ct) =>
        {
            if (parse.GetValue(s_migrateFrom) is { } migrateFrom)
            {
                return await MigrateAsync(context, migrateFrom, parse.GetValue(s_signerChangeDelay), ct);
            }

            var options = context.ChainOptions();
            var departmentsPath = parse.GetValue(s_departments)!;
            var (departments, threshold, signerChangeDelay) = DepartmentsFile.Read(departmentsPath, options.ChainId);
            if (signerChangeDelay is not { } delay || delay > RegistryDeployer.MaxSignerChangeDelaySeconds)
            {
                throw new CliException($"departments file '{departmentsPath}' must give signerChangeDelay: the seconds between a signer change's request and its apply, at most {RegistryDeployer.MaxSignerChangeDelaySeconds} (30 days)");
            }

            var seeds = departments.Select(d => new DepartmentSeed(d.Code, d.Name, d.Signer) { Node = d.Node }).ToList();
            var deployer = context.Signer(options.ChainId, KeyLoader.AcceptsDevKeys(options.ChainId) ? "dev:0" : null);
            var deployment = (await RegistryDeployer.DeployAsync(options, deployer, seeds, threshold, delay, null, ct)).OrFail();
            var path = context.DeploymentPath(options.ChainId);
            await DeploymentFile.SaveAsync(deployment, path, ct);
            context.Output.Result(deployment, () =>
            [
                $"registry  {deployment.Registry}",
                $"passkeys  {deployment.PasskeyExtension} (the extension that verifies citizens' passkeys)",
                $"chain     {deployment.ChainId} (block {deployment.Block})",
                $"quorum    {threshold} of {seeds.Count} departments",
                $"key delay {deployment.SignerChangeDelay} s between a signer change's request and its apply",
                .. deployment.Departments.Select((d, i) => $"  #{d.Id} {d.Code,-10} {d.Name} (signer {d.Signer}{(seeds[i].Node is { } node ? $", node {node.Url}" : "")})"),
                $"written   {path}",
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    // Deploys registry 2 with the departments of the registry 1.x named by `path`, which it takes over from: the cut-over.
    private static async Task<int> MigrateAsync(CliContext context, string path, ulong? delay, CancellationToken ct)
    {
        if (delay is not { } seconds || seconds > RegistryDeployer.MaxSignerChangeDelaySeconds)
        {
            throw new CliException($"--migrate-from needs --signer-change-delay: the seconds between a signer change's request and its apply, at most {RegistryDeployer.MaxSignerChangeDelaySeconds} (30 days)");
        }

        Deployment old;
        try
        {
            old = await DeploymentFile.LoadAsync(path, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            throw new CliException(ex.Message);
        }

        var options = context.ChainOptions(old.ChainId);
        if (options.ChainId != old.ChainId)
        {
            throw new CliException($"the deployment file '{path}' is for chain {old.ChainId}, --chain-id is {options.ChainId}");
        }

        var version = await ChainGuard.VersionAsync(options, old.Registry);
        if (version is null || ChainGuard.MajorOf(version) != 1)
        {
            throw new CliException($"'{path}' names {old.Registry}, which is {(version is null ? "no EthGov registry" : $"registry {version}")}; --migrate-from takes a registry 1.x");
        }

        var reader = new RegistryClient(options, old.Registry).Departments;
        var departments = (await reader.ListAsync()).OrFail();
        var threshold = (await reader.ThresholdAsync()).OrFail();
        // A suspended department stays behind: its documents keep verifying from 1.x, and the quorum may add it again.
        var active = departments.Where(d => d.Status == DepartmentStatus.Active).ToList();
        if (active.Count == 0)
        {
            throw new CliException($"registry 1.x at {old.Registry} has no active department to take over");
        }

        var seeds = active.Select(d => new DepartmentSeed(d.Code, d.Name, d.Signers[0])).ToList();
        var quorum = Math.Min(threshold, (uint)active.Count);
        var deployer = context.Signer(options.ChainId, KeyLoader.AcceptsDevKeys(options.ChainId) ? "dev:0" : null);
        var deployment = (await RegistryDeployer.DeployAsync(options, deployer, seeds, quorum, seconds, old.Registry, ct)).OrFail();
        var written = context.DeploymentPath(options.ChainId);
        await DeploymentFile.SaveAsync(deployment, written, ct);
        context.Output.Result(deployment, () =>
        [
            $"registry  {deployment.Registry}, taking over from registry {version} at {old.Registry}",
            $"passkeys  {deployment.PasskeyExtension} (the extension that verifies citizens' passkeys)",
            $"cut-over  block {deployment.Legacy!.CutoverBlock}: what 1.x anchors from now on does not count",
            $"chain     {deployment.ChainId}",
            $"quorum    {quorum} of {seeds.Count} departments",
            $"key delay {deployment.SignerChangeDelay} s between a signer change's request and its apply",
            .. deployment.Departments.Select(d => $"  #{d.Id} {d.Code,-10} {d.Name} (signer {d.Signer})"),
            .. active.Where(d => d.Signers.Count > 1).Select(d => $"  {d.Code}: {d.Signers.Count - 1} more key(s) of 1.x to add again with `ethgov departments keys add`"),
            .. departments.Where(d => d.Status != DepartmentStatus.Active).Select(d => $"  {d.Code} is {d.Status} in 1.x and was not carried over"),
            $"written   {written}",
        ]);
        return ExitCodes.Success;
    }
}
