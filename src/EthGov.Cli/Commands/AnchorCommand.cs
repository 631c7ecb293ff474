using System.CommandLine;
using EthGov.Application.Anchoring;
using EthGov.Application.Nodes;
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

    private static readonly Option<bool> s_keep = new("--keep")
    {
        Description = "Send each file to the department's node, which keeps it (encrypted) and anchors it, instead of anchoring it from here",
    };

    private static readonly Option<string?> s_node = new("--node") { Description = "With --keep: the node's base URL (default: the --department's node as published on chain)" };

    private static readonly Option<string?> s_department = new("--department") { Description = "With --keep and no --node: the department (code or id) whose node keeps the files" };

    private static readonly Option<string?> s_apiKey = new("--api-key")
    {
        Description = "With --keep: the department's API key, with scopes anchor and records (env ETHGOV_API_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_API_KEY"),
    };

    private static readonly Option<int> s_wait = new("--wait")
    {
        Description = "With --keep: seconds the node may wait for each file's anchor before answering (its receipt is written when confirmed)",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("anchor", "Anchor files in Merkle batches and write one receipt per file")
        {
            s_paths, s_batchSize, s_out, s_validUntil, s_keep, s_node, s_department, s_apiKey, s_wait,
        };
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
            if (parse.GetValue(s_keep))
            {
                return await KeepAsync(parse, context, files, validUntil, ct);
            }

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

    private static async Task<int> KeepAsync(System.CommandLine.ParseResult parse, CliContext context, IReadOnlyList<InputFile> files, DateTimeOffset? validUntil, CancellationToken ct)
    {
        if (parse.GetValue(s_apiKey) is not { Length: > 0 } apiKey)
        {
            throw new CliException("--keep sends the files to the department's node: give its API key with --api-key or ETHGOV_API_KEY");
        }

        var wait = parse.GetValue(s_wait);
        if (wait is < 1 or > 60)
        {
            throw new CliException("--wait must be between 1 and 60 seconds");
        }

        var node = parse.GetValue(s_node) ?? await PublishedNodeAsync(parse, context, ct);
        if (!Uri.TryCreate(node.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--node '{node}' is not an http(s) URL");
        }

        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(wait + 30) };
        var summary = await new NodeKeeper(http, apiKey, validUntil, wait).KeepAsync(files, ct);
        context.Output.Result(summary, () =>
        [
            $"{summary.Files} files kept by {baseUrl}: {summary.Anchored} anchored (receipts written), {summary.Pending} still pending",
            .. summary.Documents.Select(d => CliOutput.OneLine($"  {d.Status,-8} {d.Digest} {d.Path}")),
        ]);
        return ExitCodes.Success;
    }

    private static async Task<string> PublishedNodeAsync(System.CommandLine.ParseResult parse, CliContext context, CancellationToken ct)
    {
        if (parse.GetValue(s_department) is not { } department)
        {
            throw new CliException("--keep needs the node: give --node <url> or --department <code>");
        }

        var (client, _) = await context.ConnectAsync(signed: false, ct);
        var departmentId = await DepartmentArgument.ResolveAsync(client, department);
        var published = (await client.Departments.GetNodeAsync(departmentId)).OrFail();
        if (published is null)
        {
            throw new CliException($"department {department} publishes no node on chain; give --node <url>");
        }

        return NodeUrl.Problem(published.Url) is { } problem
            ? throw new CliException($"department {department}'s node URL on chain is not usable: {problem}")
            : published.Url;
    }
}
