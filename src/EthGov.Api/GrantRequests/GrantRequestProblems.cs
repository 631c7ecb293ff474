using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.GrantRequests;

/// <summary>The problems of grant requests between departments, on the staff routes and the node routes.</summary>
public static class GrantRequestProblems
{
    /// <summary>404: no such request in the caller's view (another department's request is not shown).</summary>
    public const string NotFound = "grant-request-not-found";

    /// <summary>409: the request was already approved or refused (or is being approved).</summary>
    public const string Decided = "grant-request-decided";

    /// <summary>429: the department's queue of undecided requests is full.</summary>
    public const string QueueFull = "grant-request-queue-full";

    /// <summary>403 (node route): the message names a department other than the one that signed it.</summary>
    public const string SignerMismatch = "grant-request-signer-mismatch";

    /// <summary>404 (node route): this node does not answer for the department the message is for.</summary>
    public const string WrongNode = "grant-request-wrong-node";

    /// <summary>409 (node route): an approval names a grant the chain does not show as the approval of this request.</summary>
    public const string GrantNotOnChain = "grant-request-grant-not-on-chain";

    /// <summary>The 404 of a request id the caller's department cannot see.</summary>
    public static ProblemHttpResult NotFoundProblem(long id)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, NotFound, "No such grant request",
            GrantRequestTexts.TheCallerSDepartmentHasNo.With(id));

    /// <summary>The 409 of a request decided already.</summary>
    public static ProblemHttpResult DecidedProblem(GrantRequest request)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, Decided, "The grant request was already decided",
            GrantRequestTexts.GrantRequestIs.With(request.Id, request.State), new Dictionary<string, object?> { ["state"] = request.State });

    /// <summary>The 429 of a full queue.</summary>
    public static ProblemHttpResult QueueFullProblem(string department, int limit)
        => Problems.Problems.Create(StatusCodes.Status429TooManyRequests, QueueFull, "Too many grant requests wait for a decision",
            GrantRequestTexts.DepartmentHasGrantRequestsWaitingMore.With(department, limit));
}
