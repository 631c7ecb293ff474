using System.CommandLine;
using EthGov.Application.Verification;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov status</c>: what the chain says about a digest anchored on its own, by the department named with
/// <c>--department</c>, else by every department that anchored it.
/// </summary>
public static class StatusCommand
{
    private static readonly Argument<string> s_digest = new("digest") { Description = "0x + 64 hex digits (SHA-256 of the document)" };

    private static readonly Option<string?> s_department = new("--department") { Description = "The issuing department's code (default: ask every department)" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("status", "Show the status of a digest; exit 0 when valid, 1 when not") { s_digest, s_department };
        command.SetBody(async (parse, context, ct) =>
        {
            var digest = DigestArgument.Parse(parse.GetValue(s_digest)!, "digest");
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var query = new VerificationQuery(digest)
            {
                DepartmentId = parse.GetValue(s_department) is { } code ? await DepartmentIdAsync(client, code) : null,
            };
            var report = (await ChainVerifier.VerifyAsync(client.Documents, query)).OrFail();
            return VerdictPrinter.Print(context.Output, report);
        });
        return command;
    }

    private static async Task<uint> DepartmentIdAsync(Chain.Registry.RegistryClient client, string code)
    {
        var id = (await client.Departments.IdByCodeAsync(code)).OrFail();
        return id != 0 ? id : throw new CliException($"no department has the code '{code}'");
    }
}
