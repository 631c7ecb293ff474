using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.ChangeRequests;

/// <summary>The problems of four-eyes change requests.</summary>
public static class ChangeRequestProblems
{
    /// <summary>403: an API key tried to approve or refuse; a key is a machine, not a second person.</summary>
    public static ProblemHttpResult NeedsClerk()
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.ApprovalNeedsClerk, "Only a signed-in clerk may approve or refuse a change request",
            ChangeRequestTexts.AnAPIKeyIsAMachine);

    /// <summary>403: the clerk does not hold the approver role.</summary>
    public static ProblemHttpResult ApproverRequired(string caller)
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.ApproverRequired, "The approver role is required",
            ChangeRequestTexts.DoesNotHoldTheRoleApprover.With(caller));

    /// <summary>403: the clerk who asked for the change tried to approve it.</summary>
    public static ProblemHttpResult OwnRequest(long id)
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.OwnChangeRequest, "A clerk cannot approve their own request",
            ChangeRequestTexts.ChangeRequestMustBeApprovedBy.With(id));

    /// <summary>404: no such request for the caller's department.</summary>
    public static ProblemHttpResult NotFound(long id)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.ChangeRequestNotFound, "No such change request",
            ChangeRequestTexts.TheCallerSDepartmentHasNo.With(id));

    /// <summary>409: the request was already approved or refused.</summary>
    public static ProblemHttpResult AlreadyDecided(ChangeRequest request)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ChangeRequestDecided, "The change request was already decided",
            ChangeRequestTexts.ChangeRequestIs.With(request.Id, request.State), new Dictionary<string, object?> { ["state"] = request.State });

    /// <summary>409: the document already has a request waiting.</summary>
    public static ProblemHttpResult AlreadyOpen(string digest)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ChangeRequestOpen, "A change of this document already waits for approval",
            ChangeRequestTexts.HasAPendingChangeRequestApprove.With(digest));
}
