using System.Numerics;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Api.Departments;

/// <summary>A department with its standing and signer keys.</summary>
public sealed record DepartmentResponse(uint Id, string Code, string Name, DepartmentStatus Status, IReadOnlyList<string> Signers)
{
    internal static DepartmentResponse From(DepartmentInfo d) => new(d.Id, d.Code, d.Name, d.Status, d.Signers);
}

/// <summary>Proposes a governance change; the caller's department approves it at once.</summary>
/// <param name="Kind">
/// add-department, suspend-department, restore-department, change-threshold, replace-signers (recovery of a department's
/// keys), report-compromised-key (also re-dating an earlier report) or revoke-grants (of suspended grantor departments).
/// </param>
/// <param name="Code">For add-department: the new department's code.</param>
/// <param name="Name">For add-department: its name.</param>
/// <param name="Signer">For add-department: its first signer address.</param>
/// <param name="Department">For suspend-department, restore-department and replace-signers: the target department's code.</param>
/// <param name="Threshold">For change-threshold: the new threshold.</param>
/// <param name="Deadline">When the proposal lapses, at most 30 days ahead; seven days when absent.</param>
/// <param name="Signers">For replace-signers: the department's new keys (1 to 8); every current key is removed.</param>
/// <param name="Key">For report-compromised-key: any department's key, or one reported before.</param>
/// <param name="CompromisedSince">For report-compromised-key: when the compromise began.</param>
/// <param name="GrantIds">For revoke-grants: grants whose grantor department is suspended.</param>
public sealed record ProposalRequest(ProposalKind? Kind, string? Code, string? Name, string? Signer, string? Department, uint? Threshold, DateTimeOffset? Deadline,
    string[]? Signers = null, string? Key = null, DateTimeOffset? CompromisedSince = null, string[]? GrantIds = null);

/// <summary>
/// A governance proposal as the registry holds it, its data decoded per kind, with where it stands: the approvals
/// that count now (of departments active now) against the quorum.
/// </summary>
public sealed record ProposalResponse(string Id, ProposalKind Kind, uint Proposer, uint TargetDepartment, uint NewThreshold,
    DateTimeOffset Deadline, uint Approvals, bool Executed, string? Code, string? Name, string? Signer)
{
    /// <summary>Every approving department in order, the proposer first, and whether its approval counts now.</summary>
    public IReadOnlyList<ApprovalResponse> Approvers { get; init; } = [];

    /// <summary>Approvals of departments active now.</summary>
    public uint LiveApprovals { get; init; }

    /// <summary>Approvals a proposal needs now: min(threshold, active departments).</summary>
    public uint Quorum { get; init; }

    /// <summary>replace-signers: the department's new keys.</summary>
    public IReadOnlyList<string>? NewSigners { get; init; }

    /// <summary>report-compromised-key: when the compromise began (the key is in <see cref="Signer"/>).</summary>
    public DateTimeOffset? CompromisedSince { get; init; }

    /// <summary>revoke-grants: the grants.</summary>
    public IReadOnlyList<string>? GrantIds { get; init; }

    internal static ProposalResponse From(ProposalInfo p, ProposalStanding standing, IReadOnlyList<DepartmentInfo> departments)
        => new(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Kind, p.Proposer, p.TargetDepartment, p.NewThreshold,
            p.Deadline, p.Approvals, p.Executed, p.Code.Length == 0 ? null : p.Code, p.Name.Length == 0 ? null : p.Name,
            p.Signer == "0x0000000000000000000000000000000000000000" ? null : p.Signer)
        {
            Approvers = [.. p.Approvers.Select(id => departments.FirstOrDefault(d => d.Id == id) is { } d
                ? new ApprovalResponse(id, d.Code, d.Status == DepartmentStatus.Active)
                : new ApprovalResponse(id, null, false))],
            LiveApprovals = standing.LiveApprovals,
            Quorum = standing.Quorum,
            NewSigners = p.Kind == ProposalKind.ReplaceSigners ? p.NewSigners : null,
            CompromisedSince = p.CompromisedSince,
            GrantIds = p.Kind == ProposalKind.RevokeGrants ? [.. p.GrantIds.Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture))] : null,
        };
}

/// <summary>One department's approval of a proposal.</summary>
/// <param name="Department">Its id.</param>
/// <param name="Code">Its code.</param>
/// <param name="Counts">Whether the approval counts now (the department is active).</param>
public sealed record ApprovalResponse(uint Department, string? Code, bool Counts);

/// <summary>A proposal just created.</summary>
public sealed record ProposalCreatedResponse(string ProposalId, string Url);

internal static class ProposalIds
{
    public static bool TryParse(string text, out BigInteger id)
    {
        // uint256 has at most 78 digits: an id beyond it cannot be ABI-encoded, so it is refused here as a bad request.
        id = BigInteger.Zero;
        return text.Length <= 78
            && BigInteger.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)
            && id > 0 && id < BigInteger.One << 256;
    }
}
