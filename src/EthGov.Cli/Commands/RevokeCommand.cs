using System.CommandLine;
using EthGov.Application.Documents;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov revoke</c>: the issuing department revokes a document, alone or inside its batch.</summary>
public static class RevokeCommand
{
    private static readonly Argument<string> s_document = new("document") { Description = "The document's digest or the file itself" };

    private static readonly Option<ushort> s_reason = new("--reason") { Description = "Reason code recorded on chain", Required = true };

    private static readonly Option<string?> s_receipt = new("--receipt") { Description = "The document's receipt; required for a document anchored in a batch (it holds the proof) or in registry 1.x before the cut-over" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("revoke", "Revoke a document with a reason code (issuing department only)") { s_document, s_reason, s_receipt };
        command.SetBody(async (parse, context, ct) =>
        {
            var digest = await DigestArgument.ParseOrHashFileAsync(parse.GetValue(s_document)!, "document", ct);
            var receipt = await ReceiptFiles.ReadOptionalAsync(parse.GetValue(s_receipt), ct);
            if (receipt is not null && receipt.Digest != digest)
            {
                throw new CliException($"the receipt is for {receipt.Digest}, not {digest}");
            }

            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            var reason = parse.GetValue(s_reason);
            // A receipt of the registry 1.x this deployment took over from: the revocation is recorded here (revokeLegacy).
            var place = await DocumentPlaces.OfAsync(context, client, deployment, digest, receipt, deployment.Legacy?.Registry, ct);
            var outcome = (await Revocation.SendAsync(client.Documents, digest, place, reason, ct)).OrFail();
            context.Output.Result(outcome, () => [$"revoked {digest} (reason {reason}) in tx {outcome.TransactionHash}, block {outcome.BlockNumber}"]);
            return ExitCodes.Success;
        });
        return command;
    }
}
