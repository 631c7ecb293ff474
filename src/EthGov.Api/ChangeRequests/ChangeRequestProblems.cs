using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.ChangeRequests;

/// <summary>The problems of four-eyes change requests.</summary>
public static class ChangeRequestProblems
{
    /// <summary>403: an API key tried to approve or refuse; a key is a machine, not a second person.</summary>
    public static ProblemHttpResult NeedsClerk()
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.ApprovalNeedsClerk, "Only a signed-in clerk may approve or refuse a change request",
            "an API key is a machine, not a second person: a clerk with the approver role decides in the workspace");

    /// <summary>403: the clerk does not hold the approver role.</summary>
    public static ProblemHttpResult ApproverRequired(string caller)
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.ApproverRequired, "The approver role is required",
            $"{caller} does not hold the role approver");

    /// <summary>403: the clerk who asked for the change tried to approve it.</summary>
    public static ProblemHttpResult OwnRequest(long id)
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.OwnChangeRequest, "A clerk cannot approve their own request",
            $"change request {id} must be approved by a second clerk");

    /// <summary>404: no such request for the caller's department.</summary>
    public static ProblemHttpResult NotFound(long id)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.ChangeRequestNotFound, "No such change request",
            $"the caller's department has no change request {id}");

    /// <summary>409: the request was already approved or refused.</summary>
    public static ProblemHttpResult AlreadyDecided(ChangeRequest request)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ChangeRequestDecided, "The change request was already decided",
            $"change request {request.Id} is {request.State}", new Dictionary<string, object?> { ["state"] = request.State });

    /// <summary>409: the document already has a request waiting.</summary>
    public static ProblemHttpResult AlreadyOpen(string digest)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ChangeRequestOpen, "A change of this document already waits for approval",
            $"{digest} has a pending change request: approve or refuse it first");
}
