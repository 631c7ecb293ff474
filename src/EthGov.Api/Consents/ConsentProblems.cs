using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Consents;

/// <summary>The problem types of consent requests.</summary>
public static class ConsentProblems
{
    /// <summary>404: no consent request has this token.</summary>
    public const string NotFound = "consent-request-not-found";

    /// <summary>410: the link expired before consent was given.</summary>
    public const string Expired = "consent-request-expired";

    /// <summary>409: the consent was revoked: nothing is left to sign.</summary>
    public const string Closed = "consent-request-closed";

    /// <summary>The 404 of an unknown token.</summary>
    public static ProblemHttpResult NotFoundProblem()
        => Problems.Problems.Create(StatusCodes.Status404NotFound, NotFound, "No such consent request", ConsentTexts.NoConsentRequestOfThisNode);

    /// <summary>The 410 of a link that expired.</summary>
    public static ProblemHttpResult ExpiredProblem(DateTimeOffset validUntil)
        => Problems.Problems.Create(StatusCodes.Status410Gone, Expired, "The consent request has expired", ConsentTexts.TheLinkWorkedUntilTheDepartment.With(validUntil));

    /// <summary>The 409 of a revoked consent.</summary>
    public static ProblemHttpResult ClosedProblem(string grantId)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, Closed, "The consent was revoked", ConsentTexts.GrantWasRevokedNothingIsLeft.With(grantId));
}
