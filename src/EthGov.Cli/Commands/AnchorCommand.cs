using System.CommandLine;
using EthGov.Application.Anchoring;
using EthGov.Application.Time;
using EthGov.Cli.Anchoring;
using EthGov.Cli.Common;
using EthGov.Core.Receipts;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov anchor</c>: anchors files and folders in Merkle batches and writes a receipt per file.</summary>
public static class AnchorCommand
{
    private static readonly Argument<string[]> s_paths = new("paths") { Description = "Files and folders (recursively) to anchor", Arity = ArgumentArity.OneOrMore };

    private static readonly Option<int> s_batchSize = new("--batch-size")
    {
        Description = "Documents per Merkle batch (one transaction each)",
        DefaultValueFactory = _ => 1024,
    };

    private static readonly Option<string?> s_out = new("--out") { Description = "Write receipts under this folder instead of next to the files" };

    private static readonly Option<DateTimeOffset?> s_validUntil = new("--valid-until") { Description = "End of validity of the documents (ISO 8601)" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("anchor", "Anchor files in Merkle batches and write one receipt per file") { s_paths, s_batchSize, s_out, s_validUntil };
        command.SetBody(async (parse, context, ct) =>
        {
            var batchSize = parse.GetValue(s_batchSize);
            if (!BatchPlanner.IsValidBatchSize(batchSize))
            {
                throw new CliException($"--batch-size must be between 1 and {BatchPlanner.MaxBatchSize}");
            }

            var validUntil = parse.GetValue(s_validUntil);
            if (validUntil is { } until && TimeChecks.HasPassed(until, DateTimeOffset.UtcNow))
            {
                throw new CliException("--valid-until must be in the future");
            }

            var files = InputFiles.Expand(parse.GetValue(s_paths)!, parse.GetValue(s_out));
            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            var (departmentId, active) = (await client.Departments.OfSignerAsync(client.Context.SignerAddress!)).OrFail();
            if (departmentId == 0 || !active)
            {
                throw new CliException($"{client.Context.SignerAddress} is not a signer of an active department");
            }

            var department = (await client.Departments.GetAsync(departmentId)).OrFail();
            var anchorer = new FolderAnchorer(client, new ReceiptIssuer(department.Id, department.Code, department.Name), deployment.ChainId, batchSize, validUntil);
            var showProgress = !context.Output.IsJson && !Console.IsErrorRedirected;
            var summary = showProgress
                ? await ConsoleProgress.RunAsync(files.Count, progress => anchorer.AnchorAsync(files, progress, ct))
                : await anchorer.AnchorAsync(files, new SilentProgress(), ct);

            context.Output.Result(summary, () =>
            [
                $"{summary.Files} files: {summary.Anchored} documents anchored in {summary.Batches} transactions, {summary.AlreadyAnchored} already had a receipt the chain confirms",
                $"gas used {summary.GasUsed} by {department.Code}",
                .. summary.Transactions.Select(t => $"  tx {t}"),
                // A reason may quote a forged receipt: no control characters reach the terminal.
                .. summary.ReplacedReceipts.Select(r => CliOutput.OneLine($"replaced {r.Receipt}: {r.Reason}")),
            ]);
            return ExitCodes.Success;
        });
        return command;
    }
}
