using System.CommandLine;
using EthGov.Application.Verification;
using EthGov.Cli.Common;
using EthGov.Core.Links;
using EthGov.Core.Verification;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov status</c>: what the chain says about a digest, or a document link (its QR code), by the department named
/// with <c>--department</c> or in the link, else by every department that anchored it. A batch member without its
/// proof (a link too long to carry it, or a bare digest) is found through the proof its department's node gives.
/// </summary>
public static class StatusCommand
{
    private static readonly Argument<string> s_digest = new("digest") { Description = "0x + 64 hex digits (SHA-256 of the document), or the document's link (its QR code)" };

    private static readonly Option<string?> s_department = new("--department") { Description = "The issuing department's code (default: ask every department)" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("status", "Show the status of a digest; exit 0 when valid, 1 when not") { s_digest, s_department };
        command.SetBody(async (parse, context, ct) =>
        {
            var text = parse.GetValue(s_digest)!;
            var link = LinkOf(text);
            var digest = link?.Digest ?? DigestArgument.Parse(text, "digest");
            var (client, deployment) = await context.ConnectAsync(signed: false, ct);
            var code = parse.GetValue(s_department) ?? link?.DepartmentCode;
            var query = new VerificationQuery(digest)
            {
                DepartmentId = code is not null ? await DepartmentIdAsync(client, code) : null,
                Proof = link is { Proof.Count: > 0 } ? StatedProof.For(digest, link.Proof, ProofSource.Link, "the document's link") : null,
            };
            var verifier = NodeNetwork.VerifierFor(context, client, deployment);
            var report = (await verifier.VerifyAsync(client.Documents, query, new HashSet<uint>(), ct)).OrFail();
            return VerdictPrinter.Print(context.Output, report);
        });
        return command;
    }

    // A document link is an http(s) URL; anything else is read as a digest.
    private static DocumentLink? LinkOf(string text)
    {
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return DocumentLink.TryParse(text, out var link, out var error) ? link : throw new CliException($"the document link is not valid: {error}");
    }

    private static async Task<uint> DepartmentIdAsync(Chain.Registry.RegistryClient client, string code)
    {
        var id = (await client.Departments.IdByCodeAsync(code)).OrFail();
        return id != 0 ? id : throw new CliException($"no department has the code '{code}'");
    }
}
