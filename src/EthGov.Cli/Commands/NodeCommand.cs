using System.CommandLine;
using System.Globalization;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Chain.Registry;
using EthGov.Cli.Common;
using EthGov.Core.Crypto.Hpke;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov node</c>: a department node's own keys, and the node entry each department publishes on chain (its URL and
/// public keys) so that nodes and the CLI find each other from the chain alone. Publishing is a key change of the
/// department (<c>keys apply</c> completes it after the registry's delay), so one stolen key cannot redirect the
/// department's traffic before its other keys or the quorum stop it.
/// </summary>
public static class NodeCommand
{
    private const int PendingShown = 20;

    /// <summary>Creates the command.</summary>
    public static Command Create() => new("node", "A department node's keys, and the node entry published on chain")
    {
        Keygen(),
        Show(),
        Publish(),
    };

    private static Command Keygen()
    {
        var output = new Option<string>("--out")
        {
            Required = true,
            Description = $"Where to write the node's two private keys (PEM, must not exist; created readable by its owner only); the public keys go to the same name + {NodeKeys.PublicFileSuffix}, the node's data key (record store) to the same name + {NodeDataKey.FileSuffix}",
        };
        var command = new Command("keygen", "Create a node's signing and encryption keys (P-256)") { output };
        command.SetBody((parse, context, _) =>
        {
            var file = parse.GetValue(output)!;
            if (string.IsNullOrWhiteSpace(file))
            {
                throw new CliException("--out names no file");
            }

            // No check that the names are free first: the creation itself refuses an existing file or link.
            using var keys = NodeKeys.CreateFile(file);
            var publicFile = file + NodeKeys.PublicFileSuffix;
            var dataKeyFile = file + NodeDataKey.FileSuffix;
            try
            {
                NodeDataKey.CreateFile(dataKeyFile).Dispose();
            }
            catch
            {
                File.Delete(file);
                File.Delete(publicFile);
                throw;
            }

            var signingKey = Hex(keys.SigningPublicKey);
            var encryptionKey = Hex(keys.EncryptionPublicKey);
            context.Output.Result(new { file, publicFile, dataKeyFile, signingKey, encryptionKey }, () =>
            [
                $"node keys written to {file} (keep it on the node; configure it as EthGov:NodeKey)",
                $"data key written to {dataKeyFile} (keep it on the node, never publish it; configure it as EthGov:DataKey)",
                $"public keys written to {publicFile} (name it as the department's node key in a departments file)",
                $"signing key    {signingKey}",
                $"encryption key {encryptionKey}",
                $"publish them with `ethgov node publish --url <the node's public URL> --node-key {publicFile}`",
            ]);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Show()
    {
        var department = new Argument<string>("department") { Description = "Code or id" };
        var command = new Command("show", "Show the node a department publishes on chain, and changes to it waiting for their delay") { department };
        command.SetBody(async (parse, context, ct) =>
        {
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var departmentId = await DepartmentArgument.ResolveAsync(client, parse.GetValue(department)!);
            var node = (await client.Departments.GetNodeAsync(departmentId)).OrFail();
            var (pending, _) = (await client.SignerChanges.ScanAsync(
                c => c.DepartmentId == departmentId && c.Kind == SignerChangeKind.SetNode && c.Status == SignerChangeStatus.Pending, null, PendingShown)).OrFail();

            // Whatever the chain holds is untrusted: say what is wrong with it rather than print it raw.
            var urlProblem = node is null ? null : NodeUrl.Problem(node.Url);
            var keyProblem = node is null ? null : KeyProblem(node.SigningKey, node.EncryptionKey);
            var result = new
            {
                departmentId,
                node = node is null ? null : new
                {
                    url = node.Url,
                    signingKey = Hex(node.SigningKey),
                    encryptionKey = Hex(node.EncryptionKey),
                    updatedAt = DateTimeOffset.FromUnixTimeSeconds((long)node.UpdatedAt),
                    urlProblem,
                    keyProblem,
                },
                pending = pending.Select(c => new { changeId = c.Id.ToString(CultureInfo.InvariantCulture), url = c.NodeUrl, c.RequestedBy, c.ExecutableAt }),
            };
            context.Output.Result(result, () =>
            {
                var lines = new List<string>();
                if (node is null)
                {
                    lines.Add($"department {departmentId} publishes no node");
                }
                else
                {
                    lines.Add($"department {departmentId}: node {CliOutput.OneLine(node.Url)}");
                    lines.Add($"  signing key    {Hex(node.SigningKey)}");
                    lines.Add($"  encryption key {Hex(node.EncryptionKey)}");
                    lines.Add($"  published at   {ProposalText.Time(DateTimeOffset.FromUnixTimeSeconds((long)node.UpdatedAt))} (chain time)");
                    lines.AddRange(new[] { urlProblem, keyProblem }.OfType<string>().Select(p => $"  WARNING: {p}"));
                }

                lines.AddRange(pending.Select(c =>
                    $"pending change #{c.Id}: node {CliOutput.OneLine(c.NodeUrl ?? "")}, requested by {c.RequestedBy}, applicable from {ProposalText.Time(c.ExecutableAt)} (cancel with `ethgov keys cancel {c.Id}`)"));
                return lines;
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Publish()
    {
        var url = new Option<string>("--url") { Required = true, Description = "The node's public base URL (http:// or https://, at most 200 bytes)" };
        var nodeKey = new Option<string>("--node-key") { Required = true, Description = "The node's keys: its public-key file, its key file, or dev:N on chain 31337" };
        var command = new Command("publish", "Request publishing your department's node URL and keys; any key of the department applies it after the registry's delay")
        {
            url, nodeKey,
        };
        command.SetBody(async (parse, context, ct) =>
        {
            var address = parse.GetValue(url)!;
            if (NodeUrl.Problem(address) is { } problem)
            {
                throw new CliException($"--url '{CliOutput.OneLine(address)}': {problem}");
            }

            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            NodePublicKeys keys;
            try
            {
                keys = NodeKeys.LoadPublic(parse.GetValue(nodeKey)!, deployment.ChainId);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FileNotFoundException or InvalidDataException)
            {
                throw new CliException($"--node-key: {ex.Message}");
            }

            var departmentId = await DepartmentArgument.OfSignerAsync(client);
            var (outcome, changeId) = (await client.Departments.RequestSetNodeAsync(address, keys.Signing, keys.Encryption, ct)).OrFail();
            var change = (await client.SignerChanges.GetAsync(changeId)).OrFail();
            context.Output.Result(new { changeId = changeId.ToString(CultureInfo.InvariantCulture), departmentId, url = address, change.ExecutableAt, outcome }, () =>
            [
                $"node {address} of department {departmentId} requested as key change {changeId} in tx {outcome.TransactionHash}",
                $"any key of the department applies it from {ProposalText.Time(change.ExecutableAt)} (chain time) with `ethgov keys apply {changeId}`, or cancels it before with `ethgov keys cancel {changeId}`",
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    // The registry checks only the keys' length; a key that is no point of P-256 makes the node unusable to others.
    private static string? KeyProblem(byte[] signing, byte[] encryption)
    {
        foreach (var (key, which) in new[] { (signing, "signing"), (encryption, "encryption") })
        {
            try
            {
                HpkePublicKey.FromBytes([0x04, .. key]);
            }
            catch (HpkeInvalidKeyException)
            {
                return $"the {which} key is not a point of P-256: other nodes cannot use it";
            }
        }

        return null;
    }
}
