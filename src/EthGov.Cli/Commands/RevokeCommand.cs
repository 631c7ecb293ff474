using System.CommandLine;
using EthGov.Application.Documents;
using EthGov.Cli.Common;
using EthGov.Core.Revocations;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov revoke</c>: the issuing department revokes a document, alone or inside its batch.</summary>
public static class RevokeCommand
{
    private static readonly Argument<string> s_document = new("document") { Description = "The document's digest or the file itself" };

    private static readonly Option<string> s_reason = new("--reason")
    {
        Description = $"A published revocation reason, by name or number: {string.Join(", ", RevocationReasons.All)}",
        Required = true,
    };

    private static readonly Option<string?> s_receipt = new("--receipt") { Description = "The document's receipt; required for a document anchored in a batch (it holds the proof) or in registry 1.x before the cut-over" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("revoke", "Revoke a document with a published reason (issuing department only)") { s_document, s_reason, s_receipt };
        command.SetBody(async (parse, context, ct) =>
        {
            if (!RevocationReasons.TryParse(parse.GetValue(s_reason), out var reason, out var reasonError))
            {
                throw new CliException($"--reason: {reasonError}");
            }

            var digest = await DigestArgument.ParseOrHashFileAsync(parse.GetValue(s_document)!, "document", ct);
            var receipt = await ReceiptFiles.ReadOptionalAsync(parse.GetValue(s_receipt), ct);
            if (receipt is not null && receipt.Digest != digest)
            {
                throw new CliException($"the receipt is for {receipt.Digest}, not {digest}");
            }

            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            // A receipt of the registry 1.x this deployment took over from: the revocation is recorded here (revokeLegacy).
            var place = await DocumentPlaces.OfAsync(context, client, deployment, digest, receipt, deployment.Legacy?.Registry, ct);
            var outcome = (await Revocation.SendAsync(client.Documents, digest, place, reason.Number, ct)).OrFail();
            context.Output.Result(new { outcome.TransactionHash, outcome.BlockNumber, outcome.BlockHash, outcome.BlockTime, outcome.GasUsed, reason = reason.Number, reasonName = reason.Name },
                () => [$"revoked {digest} (reason {reason}) in tx {outcome.TransactionHash}, block {outcome.BlockNumber}"]);
            return ExitCodes.Success;
        });
        return command;
    }
}
