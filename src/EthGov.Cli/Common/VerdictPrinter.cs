using EthGov.Application.Verification;
using EthGov.Core.Revocations;
using EthGov.Core.Verification;

namespace EthGov.Cli.Common;

/// <summary>Prints a verdict: the outcome first, then each check and the chain state it rests on.</summary>
public static class VerdictPrinter
{
    /// <summary>Writes <paramref name="report"/> and returns the exit code it means.</summary>
    public static int Print(CliOutput output, VerificationReport report)
    {
        var (verdict, facts) = (report.Verdict, report.Facts);
        // The name of a listed reason beside the facts' number, as the API's verdict gives it.
        var revocationReasonName = facts.Status == DocumentStatus.Revoked ? RevocationReasons.Find(facts.RevocationReason)?.Name : null;
        output.Result(new { outcome = verdict.Outcome, checks = verdict.Checks, facts, revocationReasonName }, () =>
        [
            Headline(verdict.Outcome),
            .. verdict.Checks.Select(c => $"  [{Mark(c.Outcome)}] {c.Name,-22} {c.Detail}"),
            $"  read at block {facts.ReadAtBlock} ({facts.ReadAtTime:u}) from registry {facts.Registry} on chain {facts.ChainId}",
        ]);
        return verdict.Outcome == VerdictOutcome.Valid ? ExitCodes.Success : ExitCodes.NotValid;
    }

    // VALID, REVOKED, ... and KEY COMPROMISED: the outcome in capitals, its words apart.
    private static string Headline(VerdictOutcome outcome)
        => string.Concat(outcome.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())).ToUpperInvariant();

    private static string Mark(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "ok",
        CheckOutcome.Failed => "!!",
        _ => "--",
    };
}
