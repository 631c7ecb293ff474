using EthGov.Application.Passkeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Passkeys;

/// <summary>The problem types of citizens' passkeys: registration codes, bindings, and refused passkey answers.</summary>
public static class PasskeyProblems
{
    /// <summary>503: the node has no passkey origin (<c>EthGov:Passkeys:Origin</c> or <c>EthGov:PublicBaseUrl</c>).</summary>
    public const string NotConfigured = "passkeys-not-configured";

    /// <summary>404: no registration code like this was issued here.</summary>
    public const string CodeUnknown = "registration-code-unknown";

    /// <summary>410: the registration code has expired.</summary>
    public const string CodeExpired = "registration-code-expired";

    /// <summary>409: the registration code was used; a code binds one passkey.</summary>
    public const string CodeUsed = "registration-code-used";

    /// <summary>409: the record is bound to a passkey already; a clerk revokes that binding before issuing a new code.</summary>
    public const string AlreadyBound = "passkey-already-bound";

    /// <summary>404: the record is bound to no passkey (never, or a clerk revoked the binding).</summary>
    public const string NotBound = "passkey-not-bound";

    /// <summary>The 503 of a node without a passkey origin.</summary>
    public static ProblemHttpResult NotConfiguredProblem()
        => Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, NotConfigured, "This node has no passkey origin",
            PasskeyTexts.ConfigureEthGovPasskeysOriginOrEthGov);

    /// <summary>The problem of a code that cannot be used now, or null when <paramref name="code"/> can.</summary>
    public static ProblemHttpResult? OfCode(RegistrationCodeEntry? code, DateTimeOffset now) => code switch
    {
        null => Problems.Problems.Create(StatusCodes.Status404NotFound, CodeUnknown, "The registration code is not known", PasskeyTexts.NoSuchRegistrationCodeWasIssued),
        { UsedAt: { } used } => Problems.Problems.Create(StatusCodes.Status409Conflict, CodeUsed, "The registration code was used", PasskeyTexts.APasskeyWasRegisteredWithThis.With(used)),
        { ExpiresAt: var expires } when expires <= now => Problems.Problems.Create(StatusCodes.Status410Gone, CodeExpired, "The registration code has expired", PasskeyTexts.TheCodeExpiredAtAskThe.With(expires)),
        _ => null,
    };

    /// <summary>The 409 of a record bound already.</summary>
    public static ProblemHttpResult AlreadyBoundProblem(EthGov.Core.Digests.Digest record)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, AlreadyBound, "The record is bound to a passkey already",
            PasskeyTexts.RecordIsBoundToAPasskey.With(record, record));

    /// <summary>The 404 of a record bound to no passkey.</summary>
    public static ProblemHttpResult NotBoundProblem(EthGov.Core.Digests.Digest record)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, NotBound, "The record is bound to no passkey", PasskeyTexts.RecordIsBoundToNoPasskey.With(record));

    /// <summary>The problem of a refused passkey answer: 409 for a challenge mismatch (a replay, another request), 400 otherwise.</summary>
    public static ProblemHttpResult Of(PasskeyRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var (status, title) = refusal.Reason switch
        {
            PasskeyRefusal.ChallengeMismatch => (StatusCodes.Status409Conflict, "The passkey signed another challenge"),
            PasskeyRefusal.NotP256 => (StatusCodes.Status400BadRequest, "The passkey is not a P-256 key"),
            PasskeyRefusal.UserNotVerified => (StatusCodes.Status400BadRequest, "The passkey did not verify the user"),
            PasskeyRefusal.WrongOrigin => (StatusCodes.Status400BadRequest, "The passkey answered for another origin"),
            PasskeyRefusal.InvalidSignature => (StatusCodes.Status400BadRequest, "The passkey's signature does not verify"),
            _ => (StatusCodes.Status400BadRequest, "The passkey's answer cannot be read"),
        };
        return Problems.Problems.Create(status, refusal.Reason, title, PasskeyTexts.Refused(refusal));
    }
}
