using System.CommandLine;
using EthGov.Application.Documents;
using EthGov.Chain.Receipts;
using EthGov.Cli.Anchoring;
using EthGov.Cli.Common;
using EthGov.Core.Receipts;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov supersede</c>: replaces a document by a newer one from the same department.</summary>
public static class SupersedeCommand
{
    private static readonly Argument<string> s_old = new("old") { Description = "The replaced document's digest or file" };

    private static readonly Argument<string> s_new = new("new") { Description = "The new document's digest or file (a file gets a receipt next to it)" };

    private static readonly Option<string?> s_receipt = new("--receipt") { Description = "The old document's receipt; required when it was anchored in a batch" };

    private static readonly Option<DateTimeOffset?> s_validUntil = new("--valid-until") { Description = "End of validity of the new document" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("supersede", "Replace a document by a new one (anchors the new one)") { s_old, s_new, s_receipt, s_validUntil };
        command.SetBody(async (parse, context, ct) =>
        {
            var oldDigest = await DigestArgument.ParseOrHashFileAsync(parse.GetValue(s_old)!, "old document", ct);
            var newArg = parse.GetValue(s_new)!;
            var newDigest = await DigestArgument.ParseOrHashFileAsync(newArg, "new document", ct);
            var receipt = await ReceiptFiles.ReadOptionalAsync(parse.GetValue(s_receipt), ct);
            var validUntil = TimeOption.RequireFuture(parse.GetValue(s_validUntil), "--valid-until");
            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            // The receipt's batch is taken as one of this registry: the registry refuses a batch it does not hold.
            var place = await DocumentPlaces.OfAsync(context, client, deployment, oldDigest, receipt, legacyRegistry: null, ct);
            var outcome = (await Supersession.SendAsync(client.Documents, oldDigest, place, newDigest, validUntil, ct)).OrFail();

            if (File.Exists(newArg))
            {
                var (departmentId, _) = (await client.Departments.OfSignerAsync(client.Context.SignerAddress!)).OrFail();
                var department = (await client.Departments.GetAsync(departmentId)).OrFail();
                var newReceipt = ReceiptFactory.ForSingle(newDigest, new ReceiptIssuer(department.Id, department.Code, department.Name), deployment.ChainId, deployment.Registry, outcome, validUntil);
                await AtomicFile.WriteAllTextAsync(newArg + InputFiles.ReceiptSuffix, ReceiptWriter.ToJson(newReceipt), ct);
            }

            context.Output.Result(outcome, () => [$"{oldDigest} superseded by {newDigest} in tx {outcome.TransactionHash}, block {outcome.BlockNumber}"]);
            return ExitCodes.Success;
        });
        return command;
    }
}
