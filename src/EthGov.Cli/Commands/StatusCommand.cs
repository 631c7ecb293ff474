using System.CommandLine;
using EthGov.Chain.Verification;
using EthGov.Cli.Common;
using EthGov.Core.Verification;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov status</c>: what the chain says about a digest anchored on its own.</summary>
public static class StatusCommand
{
    private static readonly Argument<string> s_digest = new("digest") { Description = "0x + 64 hex digits (SHA-256 of the document)" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("status", "Show the status of a digest; exit 0 when valid, 1 when not") { s_digest };
        command.SetBody(async (parse, context, ct) =>
        {
            var digest = DigestArgument.Parse(parse.GetValue(s_digest)!, "digest");
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var report = (await ChainVerifier.VerifyAsync(client.Documents, new VerificationRequest(digest))).OrFail();
            return VerdictPrinter.Print(context.Output, report);
        });
        return command;
    }
}
