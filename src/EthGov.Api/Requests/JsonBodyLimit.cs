using EthGov.Api.Problems;

namespace EthGov.Api.Requests;

/// <summary>
/// Endpoint metadata: the largest JSON body an endpoint reads, and optionally how long an array in it may grow before
/// the request is refused unread. Endpoints that take a JSON body and carry none get
/// <see cref="Documents.DocumentsOptions.MaxJsonBodyBytes"/>; <see cref="JsonBodyLimitMiddleware"/> enforces both.
/// </summary>
/// <param name="MaxBytes">Largest body in bytes; null for <see cref="Documents.DocumentsOptions.MaxJsonBodyBytes"/>.</param>
/// <param name="MaxArrayLength">
/// Most elements in any array of the body; null for no bound. With a bound the body is read and checked as it arrives,
/// and the first array past it answers 400 at once, however long the rest of the body is.
/// </param>
/// <param name="ArrayProblemType">The problem type of that 400.</param>
/// <param name="ArrayProblemTitle">Its title.</param>
public sealed record JsonBodyLimit(
    long? MaxBytes = null,
    int? MaxArrayLength = null,
    string ArrayProblemType = ProblemTypes.InvalidRequest,
    string ArrayProblemTitle = "The request is not valid");
