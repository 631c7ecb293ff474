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
/// <param name="Kind">add-department, suspend-department, restore-department or change-threshold.</param>
/// <param name="Code">For add-department: the new department's code.</param>
/// <param name="Name">For add-department: its name.</param>
/// <param name="Signer">For add-department: its first signer address.</param>
/// <param name="Department">For suspend-department and restore-department: the target department's code.</param>
/// <param name="Threshold">For change-threshold: the new threshold.</param>
/// <param name="Deadline">When the proposal lapses; seven days when absent.</param>
public sealed record ProposalRequest(ProposalKind? Kind, string? Code, string? Name, string? Signer, string? Department, uint? Threshold, DateTimeOffset? Deadline);

/// <summary>A governance proposal as the registry holds it.</summary>
public sealed record ProposalResponse(string Id, ProposalKind Kind, uint Proposer, uint TargetDepartment, uint NewThreshold,
    DateTimeOffset Deadline, uint Approvals, bool Executed, string? Code, string? Name, string? Signer)
{
    internal static ProposalResponse From(ProposalInfo p) => new(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Kind, p.Proposer, p.TargetDepartment, p.NewThreshold,
        p.Deadline, p.Approvals, p.Executed, p.Code.Length == 0 ? null : p.Code, p.Name.Length == 0 ? null : p.Name,
        p.Signer == "0x0000000000000000000000000000000000000000" ? null : p.Signer);
}

/// <summary>A proposal just created.</summary>
public sealed record ProposalCreatedResponse(string ProposalId, string Url);

internal static class ProposalIds
{
    public static bool TryParse(string text, out BigInteger id)
    {
        // uint256 has at most 78 digits: an id beyond it cannot be ABI-encoded and used to fail with a 500.
        id = BigInteger.Zero;
        return text.Length <= 78
            && BigInteger.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)
            && id > 0 && id < BigInteger.One << 256;
    }
}
