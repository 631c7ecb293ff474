using System.CommandLine;
using EthGov.Application.Verification;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Cli.Anchoring;
using EthGov.Cli.Common;
using EthGov.Core.Digests;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov verify</c>: checks a file against the chain. With a receipt (given, or found next to the file)
/// it needs only a JSON-RPC endpoint: the receipt names the chain and the registry, no EthGov server is asked.
/// </summary>
public static class VerifyCommand
{
    private static readonly Argument<string> s_file = new("file") { Description = "The document to verify" };

    private static readonly Option<string?> s_receipt = new("--receipt") { Description = "Its receipt (default: <file>.receipt.json when present)" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("verify", "Verify a file (and its receipt) against the chain; exit 0 when valid, 1 when not") { s_file, s_receipt };
        command.SetBody(async (parse, context, ct) =>
        {
            var file = parse.GetValue(s_file)!;
            if (!File.Exists(file))
            {
                throw new CliException($"'{file}' does not exist");
            }

            var fileDigest = await DocumentHasher.HashFileAsync(file, ct);
            var receipt = await ReceiptFiles.ReadOptionalAsync(parse.GetValue(s_receipt) ?? DefaultReceipt(file), ct);
            var query = new VerificationQuery(receipt?.Digest ?? fileDigest) { FileDigest = fileDigest, Receipt = receipt };
            ChainResult<VerificationReport> verified;
            if (receipt is not null)
            {
                verified = await ChainVerifier.VerifyAsync((await ClientForReceiptAsync(context, receipt, ct)).Documents, query);
            }
            else
            {
                // Without a receipt, a batch member is found through the proof its department's node gives.
                var (client, deployment) = await context.ConnectAsync(signed: false, ct);
                verified = await NodeNetwork.VerifierFor(context, client, deployment).VerifyAsync(client.Documents, query, new HashSet<uint>(), ct);
            }

            var report = verified.OrFail();
            return VerdictPrinter.Print(context.Output, report);
        });
        return command;
    }

    // A receipt names its chain and registry, so it verifies with a JSON-RPC endpoint alone. A receipt of registry 1.x is
    // read through the deployment of the registry 2 that took over from it, which records the later revocations.
    private static async Task<RegistryClient> ClientForReceiptAsync(CliContext context, EthGov.Core.Receipts.Receipt receipt, CancellationToken ct)
    {
        var options = context.ChainOptions(receipt.ChainId);
        var deployment = await context.LoadDeploymentIfPresentAsync(ct);
        if (deployment?.Legacy is { } legacy && deployment.ChainId == receipt.ChainId
            && string.Equals(legacy.Registry, receipt.Registry, StringComparison.OrdinalIgnoreCase))
        {
            return new RegistryClient(options, deployment.Registry, null, legacy);
        }

        var version = await Chain.Deployments.ChainGuard.VersionAsync(options, receipt.Registry);
        if (version is not null && Chain.Deployments.ChainGuard.MajorOf(version) < Chain.Deployments.ChainGuard.RegistryMajorVersion)
        {
            throw new CliException($"the receipt names registry {version} at {receipt.Registry}: verify it with the deployment file of the registry that took over from it (--deployment)");
        }

        return new RegistryClient(options, receipt.Registry);
    }

    private static string? DefaultReceipt(string file) => File.Exists(file + InputFiles.ReceiptSuffix) ? file + InputFiles.ReceiptSuffix : null;
}
