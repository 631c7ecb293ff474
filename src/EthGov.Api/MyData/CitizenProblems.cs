using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.MyData;

/// <summary>The problem types of a citizen's sign-in with a passkey and of "My data".</summary>
public static class CitizenProblems
{
    /// <summary>409: the sign-in challenge was used already (a replayed assertion).</summary>
    public const string ChallengeUsed = "sign-in-challenge-used";

    /// <summary>410: the sign-in challenge expired before the assertion arrived.</summary>
    public const string ChallengeExpired = "sign-in-challenge-expired";

    /// <summary>401: no live binding on this node has the credential that answered.</summary>
    public const string PasskeyNotRegistered = "passkey-not-registered";

    /// <summary>401: the request carries no citizen session that lasts (never signed in, signed out, expired).</summary>
    public const string SessionRequired = "citizen-session-required";

    /// <summary>503: too many sign-in challenges are open at once; try again shortly.</summary>
    public const string SignInBusy = "sign-in-busy";

    /// <summary>The 409 of a used challenge.</summary>
    public static ProblemHttpResult ChallengeUsedProblem(DateTimeOffset? usedAt)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, ChallengeUsed, "The sign-in challenge was used",
            usedAt is { } at ? MyDataTexts.ChallengeUsedAt.With(at) : MyDataTexts.ChallengeUsed);

    /// <summary>The 410 of an expired challenge.</summary>
    public static ProblemHttpResult ChallengeExpiredProblem(DateTimeOffset expiredAt)
        => Problems.Problems.Create(StatusCodes.Status410Gone, ChallengeExpired, "The sign-in challenge has expired", MyDataTexts.TheChallengeWorkedUntilAskFor.With(expiredAt));

    /// <summary>The 401 of a credential bound to no record here.</summary>
    public static ProblemHttpResult PasskeyNotRegisteredProblem()
        => Problems.Problems.Create(StatusCodes.Status401Unauthorized, PasskeyNotRegistered, "This passkey is not registered here",
            MyDataTexts.NoRecordOnThisNodeIs);

    /// <summary>The 401 of a request without a session.</summary>
    public static ProblemHttpResult SessionRequiredProblem()
        => Problems.Problems.Create(StatusCodes.Status401Unauthorized, SessionRequired, "Sign in with your passkey",
            MyDataTexts.ThisRequestNeedsACitizenS);

    /// <summary>The 503 of too many open challenges.</summary>
    public static ProblemHttpResult SignInBusyProblem()
        => Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, SignInBusy, "Too many sign-ins at once",
            MyDataTexts.TooManySignInChallengesAre);
}
