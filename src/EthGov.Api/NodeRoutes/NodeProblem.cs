namespace EthGov.Api.NodeRoutes;

/// <summary>
/// An RFC 7807 problem as a node route writes it itself (as bytes, so that it can sign them): the usual members and
/// whether the same request may succeed later.
/// </summary>
/// <param name="Type">The problem type; for a refusal of the protocol it ends in the reason's slug.</param>
/// <param name="Title">A short title.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Retryable">True when the grantee should retry the same exchange later.</param>
internal sealed record NodeProblem(string Type, string Title, int Status, string? Detail, bool Retryable);
