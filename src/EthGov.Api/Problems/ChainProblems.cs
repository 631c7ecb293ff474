using System.Text;
using EthGov.Api.ChainState;
using EthGov.Api.Indexing;
using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Problems;

/// <summary>
/// Turns decoded chain failures into problems: each contract custom error gets a status and a readable title,
/// its type is the error's name in kebab case (<c>AlreadyAnchored</c> → <c>already-anchored</c>), and its
/// decoded arguments are the only revert data shown. An unreachable node, a reset chain and a stopped signer are 503s.
/// </summary>
public static class ChainProblems
{
    // Every custom error of the registry's ABI and its extension's has its entry (a test fails for one that has none, and
    // for an entry no ABI has), plus RevertedWhenMined, which the transaction sender reports for a transaction that
    // reverted once mined.
    private static readonly Dictionary<string, (int Status, string Title)> s_errors = new()
    {
        // Documents
        ["AlreadyAnchored"] = (409, "The digest is already anchored"),
        ["AlreadyRevoked"] = (409, "The document is already revoked"),
        ["AlreadySuperseded"] = (409, "The document is already superseded"),
        ["NotAnchored"] = (404, "The document is not anchored"),
        ["BatchNotFound"] = (404, "The batch is not anchored"),
        ["NotIssuingDepartment"] = (403, "Only the issuing department may do this with the record"),
        ["InvalidProof"] = (400, "The Merkle proof does not lead to the batch root"),
        ["ZeroDigest"] = (400, "The zero digest cannot be anchored"),
        ["EmptyBatch"] = (400, "A batch needs at least one document"),
        ["InvalidValidUntil"] = (400, "validUntil must be in the future"),
        ["RevertedWhenMined"] = (409, "The chain's state changed before the transaction was mined"),

        // Departments, keys and governance
        ["AlreadyApproved"] = (409, "The department already approved this proposal"),
        ["ProposalAlreadyExecuted"] = (409, "The proposal was already executed"),
        ["QuorumNotReached"] = (409, "The approvals of departments active now do not reach the quorum"),
        ["DepartmentCodeTaken"] = (409, "Another department has this code"),
        ["SignerAlreadyRegistered"] = (409, "The key already belongs to a department"),
        ["SignerNotInDepartment"] = (409, "The key is not a current key of that department"),
        ["LastSigner"] = (409, "A department keeps at least one key of its own; the quorum replaces a lost last key"),
        ["TooManySigners"] = (409, "The department holds the most keys allowed"),
        ["CompromisedKey"] = (409, "The key was reported compromised; it can never act or be registered again"),
        ["DepartmentNotActive"] = (409, "The department is not active"),
        ["DepartmentNotSuspended"] = (409, "The department is not suspended"),
        ["ProposalNotFound"] = (404, "The proposal does not exist"),
        ["UnknownDepartment"] = (404, "The department does not exist"),
        ["NotActiveSigner"] = (403, "The department's key may not act"),
        ["InvalidDeadline"] = (400, "The deadline must be in the future and at most 30 days ahead"),
        ["InvalidThreshold"] = (400, "The threshold is out of range"),
        ["InvalidDepartment"] = (400, "The department's code, name or keys are missing"),
        ["InvalidCompromisedSince"] = (400, "compromisedSince must be after 1970 and not in the future"),
        ["ProposalExpired"] = (400, "The proposal's deadline has passed"),

        // Signer changes
        ["SignerChangeNotFound"] = (404, "The key change does not exist"),
        ["SignerChangeNotPending"] = (409, "The key change was applied or cancelled already"),
        ["SignerChangeTooEarly"] = (409, "The key change's delay has not passed yet"),
        ["InvalidSignerChangeDelay"] = (400, "The signer-change delay is at most 30 days"),

        // Node directory
        ["InvalidNodeUrl"] = (400, "A node URL starts with http:// or https:// and is at most 200 bytes"),
        ["InvalidNodeKey"] = (400, "A node public key is 64 bytes: x || y of a P-256 point"),

        // Grants and the access log
        ["GrantNotFound"] = (404, "The grant does not exist"),
        ["GrantNotActive"] = (409, "The grant is revoked or expired"),
        ["GrantorNotSuspended"] = (409, "The quorum revokes only grants of suspended grantor departments"),
        ["NotGrantee"] = (403, "Only the grantee department may log access under this grant"),
        ["NotRevoker"] = (403, "The grant's terms do not let this key revoke it"),
        ["PasskeyUserNotVerified"] = (403, "The passkey assertion lacks user presence or verification"),
        ["PasskeyChallengeMismatch"] = (403, "The passkey signed another challenge than this grant's"),
        ["InvalidPasskeySignature"] = (403, "The passkey assertion's signature does not verify"),
        ["NotGrantPasskey"] = (403, "This passkey did not consent to the grant"),
        ["InvalidPasskeyExtension"] = (400, "The passkey extension address has no code"),
        ["InvalidTerms"] = (400, "The grant's terms are invalid: maxFetches at least 1, view-once keeps 0 days, store keeps at least 1"),
        ["ConsentIrrevocable"] = (400, "A consent stays revocable by its subject"),
        ["ZeroRoot"] = (400, "The zero root is not allowed"),
        ["ZeroEntries"] = (400, "An access batch holds at least one entry"),
        ["AccessBatchExists"] = (409, "The access batch root is logged already"),
        ["SelfGrant"] = (400, "A department cannot grant access to itself"),
        ["InvalidExpiry"] = (400, "expiresAt must be in the future and at most 366 days ahead"),
        ["ZeroRecordId"] = (400, "The zero record id is not allowed"),

        // Delegated signatures (EIP-712)
        ["ExpiredSignature"] = (400, "The signature's deadline has passed"),
        ["InvalidSignature"] = (400, "The signature does not match the signer"),

        // Registry 1.x
        ["NoLegacyRegistry"] = (409, "This registry takes over from no registry 1.x"),
        ["LegacyDocumentNotFound"] = (404, "Registry 1.x does not hold the document"),
        ["LegacyAnchoredAfterCutover"] = (409, "The document was anchored in registry 1.x after the cut-over, so it does not count"),
        ["InvalidLegacyRegistry"] = (400, "The registry 1.x address holds no contract"),

        // Construction (EIP-712 domain strings)
        ["InvalidShortString"] = (400, "A string is not a valid short string"),
        ["StringTooLong"] = (400, "A string is too long"),
    };

    /// <summary>The title of a contract error without an entry of its own (not a constant: the constants of a
    /// <c>...Problems</c> class are problem types).</summary>
    public static string GenericTitle => "The registry refused the operation";

    /// <summary>The problem types of every contract error this class knows.</summary>
    public static IEnumerable<string> Types => s_errors.Keys.Select(ToKebab);

    /// <summary>The problem for <paramref name="error"/>.</summary>
    public static ProblemHttpResult From(ChainError error)
    {
        if (error.Name == ChainStatus.ResetErrorName)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainReset, TitleOf(ChainStatus.ResetErrorName).Title, ChainTexts.ResetFor(error.Message));
        }

        if (error.Name == SenderStop.ErrorName)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.SignerStopped, TitleOf(SenderStop.ErrorName).Title, ChainTexts.SignerStopped.With(Argument(error, "signer"), Argument(error, "nonce")));
        }

        if (error.Name == FencedOut.ErrorName)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NotLeaseHolder, TitleOf(FencedOut.ErrorName).Title, ChainTexts.NotLeaseHolder.With(Argument(error, "signer")));
        }

        switch (error.Kind)
        {
            case ChainErrorKind.Unavailable:
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainUnavailable, "The chain cannot be reached; try again later");
            case ChainErrorKind.Rejected:
                return Problems.Create(StatusCodes.Status502BadGateway, ProblemTypes.ChainRejected, "The chain node refused the request");
        }

        var (status, title) = s_errors.GetValueOrDefault(error.Name, (StatusCodes.Status409Conflict, GenericTitle));
        var arguments = error.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value?.ToString());
        return Problems.Create(status, ToKebab(error.Name), title, ChainTexts.RegistryAnswered.With(error.Name),
            new Dictionary<string, object?> { ["error"] = error.Name, ["arguments"] = arguments });
    }

    /// <summary>
    /// The problem type and English title <see cref="From"/> gives a failure named <paramref name="name"/> (a contract
    /// error, or the node's own reset, stopped-signer and lease failures); a name of no ABI gets the generic title.
    /// </summary>
    public static (string Type, string Title) TitleOf(string name) => name switch
    {
        ChainStatus.ResetErrorName => (ProblemTypes.ChainReset, "The chain was reset; answers would be stale"),
        SenderStop.ErrorName => (ProblemTypes.SignerStopped, "The department's signer stopped sending: another process sends with its key"),
        FencedOut.ErrorName => (ProblemTypes.NotLeaseHolder, "This replica sends no transactions; another replica of the node holds the lease"),
        _ => (ToKebab(name), s_errors.TryGetValue(name, out var known) ? known.Title : GenericTitle),
    };

    /// <summary>Whether the custom error <paramref name="name"/> has its own status and title (else it is a generic 409).</summary>
    public static bool IsMapped(string name) => s_errors.ContainsKey(name);

    /// <summary>The errors that have their own status and title.</summary>
    public static IReadOnlyCollection<string> Mapped => s_errors.Keys;

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

    // A value the error carries, as text ("?" when it carries none).
    private static string Argument(ChainError error, string name)
        => error.Arguments.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?"
            : "?";
}
