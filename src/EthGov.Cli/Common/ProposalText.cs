using System.Globalization;
using EthGov.Chain.Registry;

namespace EthGov.Cli.Common;

/// <summary>A governance proposal in words: what it does (its data decoded per kind), who approved, and where it stands.</summary>
public static class ProposalText
{
    /// <summary>What the proposal does, e.g. "replace the keys of department 3 by 0x…, 0x…".</summary>
    public static string What(ProposalInfo p, Func<uint, string> department) => p.Kind switch
    {
        ProposalKind.AddDepartment => $"add department {p.Code} ({p.Name}) with key {p.Signer}",
        ProposalKind.SuspendDepartment => $"suspend {department(p.TargetDepartment)}",
        ProposalKind.RestoreDepartment => $"restore {department(p.TargetDepartment)}",
        ProposalKind.ChangeThreshold => $"change the threshold to {p.NewThreshold}",
        ProposalKind.ReplaceSigners => $"replace every key of {department(p.TargetDepartment)} by {string.Join(", ", p.NewSigners)}",
        ProposalKind.ReportCompromisedKey => $"report key {p.Signer} of {department(p.TargetDepartment)} compromised since {Time(p.CompromisedSince!.Value)}",
        ProposalKind.RevokeGrants => $"revoke grants {string.Join(", ", p.GrantIds.Select(g => "#" + g.ToString(CultureInfo.InvariantCulture)))} of suspended grantors",
        ProposalKind.ClearNode => $"clear the node entry of {department(p.TargetDepartment)} and cancel its pending key changes",
        _ => $"a proposal of kind {(int)p.Kind}",
    };

    /// <summary>Where it stands: executed, expired, or the live approvals against the quorum, and who approved.</summary>
    public static string Standing(ProposalInfo p, ProposalStanding standing, DateTimeOffset now, Func<uint, string> department)
    {
        var approvers = string.Join(", ", p.Approvers.Select(department));
        var state = p.Executed ? "executed"
            : p.Deadline < now ? $"expired at {Time(p.Deadline)}"
            : standing.QuorumReached ? $"open until {Time(p.Deadline)}; the live approvals reach the quorum: any key runs `ethgov departments execute {p.Id}`"
            : $"open until {Time(p.Deadline)}";
        return $"{state}; {standing.LiveApprovals} of {p.Approvers.Count} approvals count now (quorum {standing.Quorum}), approved by {approvers}";
    }

    /// <summary>A time as the CLI prints it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
