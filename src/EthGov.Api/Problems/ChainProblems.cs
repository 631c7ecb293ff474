using System.Text;
using EthGov.Api.Indexing;
using EthGov.Chain.Abi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Problems;

/// <summary>
/// Turns decoded chain failures into problems: each contract custom error gets a status and a readable title,
/// its type is the error's name in kebab case (<c>AlreadyAnchored</c> → <c>already-anchored</c>), and its
/// decoded arguments are the only revert data shown. An unreachable node is a 503.
/// </summary>
public static class ChainProblems
{
    private static readonly Dictionary<string, (int Status, string Title)> s_errors = new()
    {
        ["AlreadyAnchored"] = (409, "The digest is already anchored"),
        ["AlreadyRevoked"] = (409, "The document is already revoked"),
        ["AlreadySuperseded"] = (409, "The document is already superseded"),
        ["AlreadyApproved"] = (409, "The department already approved this proposal"),
        ["ProposalAlreadyExecuted"] = (409, "The proposal was already executed"),
        ["DepartmentCodeTaken"] = (409, "Another department has this code"),
        ["SignerAlreadyRegistered"] = (409, "The signer already belongs to a department"),
        ["GrantNotActive"] = (409, "The grant is revoked or expired"),
        ["LastSigner"] = (409, "A department keeps at least one signer"),
        ["DepartmentNotActive"] = (409, "The department is not active"),
        ["DepartmentNotSuspended"] = (409, "The department is not suspended"),
        ["RevertedWhenMined"] = (409, "The chain's state changed before the transaction was mined"),
        ["LegacyAnchoredAfterCutover"] = (409, "The document was anchored in registry 1.x after the cut-over, so it does not count"),
        ["NotAnchored"] = (404, "The document is not anchored"),
        ["BatchNotFound"] = (404, "The batch is not anchored"),
        ["GrantNotFound"] = (404, "The grant does not exist"),
        ["ProposalNotFound"] = (404, "The proposal does not exist"),
        ["UnknownDepartment"] = (404, "The department does not exist"),
        ["NotActiveSigner"] = (403, "The department's signer may not act"),
        ["NotIssuingDepartment"] = (403, "Only the issuing department may change this document"),
        ["NotGrantee"] = (403, "Only the grantee department may log access under this grant"),
        ["NotGrantorOrSubject"] = (403, "Only the grantor department or the subject may revoke this grant"),
        ["SelfGrant"] = (400, "A department cannot grant access to itself"),
        ["InvalidProof"] = (400, "The Merkle proof does not lead to the batch root"),
        ["ZeroDigest"] = (400, "The zero digest cannot be anchored"),
        ["ZeroRecordId"] = (400, "The zero record id is not allowed"),
        ["EmptyBatch"] = (400, "A batch needs at least one document"),
        ["InvalidValidUntil"] = (400, "validUntil must be in the future"),
        ["InvalidExpiry"] = (400, "expiresAt must be in the future"),
        ["InvalidDeadline"] = (400, "The deadline must be in the future"),
        ["InvalidThreshold"] = (400, "The threshold is out of range"),
        ["InvalidDepartment"] = (400, "The department's code, name or signer is missing"),
        ["ProposalExpired"] = (400, "The proposal's deadline has passed"),
        ["ExpiredSignature"] = (400, "The signature's deadline has passed"),
        ["InvalidSignature"] = (400, "The signature does not match the signer"),
        ["InvalidAccountNonce"] = (400, "The signature was made for another nonce (replayed or out of order)"),
    };

    /// <summary>The problem for <paramref name="error"/>.</summary>
    public static ProblemHttpResult From(ChainError error)
    {
        if (error.Name == ChainStatus.ResetErrorName)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainReset, "The chain was reset; answers would be stale", error.Message);
        }

        switch (error.Kind)
        {
            case ChainErrorKind.Unavailable:
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainUnavailable, "The chain cannot be reached; try again later");
            case ChainErrorKind.Rejected:
                return Problems.Create(StatusCodes.Status502BadGateway, ProblemTypes.ChainRejected, "The chain node refused the request");
        }

        var (status, title) = s_errors.GetValueOrDefault(error.Name, (StatusCodes.Status409Conflict, "The registry refused the operation"));
        var arguments = error.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value?.ToString());
        return Problems.Create(status, ToKebab(error.Name), title, $"the registry answered {error.Name}",
            new Dictionary<string, object?> { ["error"] = error.Name, ["arguments"] = arguments });
    }

    /// <summary><c>AlreadyAnchored</c> → <c>already-anchored</c>.</summary>
    public static string ToKebab(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
