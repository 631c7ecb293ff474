using EthGov.Application.ApiKeys;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Problems;

/// <summary>
/// Builds the API's RFC 7807 answers. Every problem has a stable <c>type</c> under
/// <see cref="BaseUri"/>; clients switch on it, never on the title or detail.
/// </summary>
public static class Problems
{
    /// <summary>Where problem types live.</summary>
    public const string BaseUri = "https://ethgov.dev/problems/";

    /// <summary>A problem of type <paramref name="slug"/>.</summary>
    public static ProblemHttpResult Create(int status, string slug, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
        => TypedResults.Problem(detail, statusCode: status, title: title, type: BaseUri + slug, extensions: extensions);

    /// <summary>400: the request is malformed.</summary>
    public static ProblemHttpResult InvalidRequest(string detail, IDictionary<string, object?>? extensions = null)
        => Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", detail, extensions);

    /// <summary>400: a digest is not 0x + 64 hex digits.</summary>
    public static ProblemHttpResult InvalidDigest(string detail, IDictionary<string, object?>? extensions = null)
        => Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidDigest, "A digest is not valid", detail, extensions);

    /// <summary>404: the outbox does not know the document; <paramref name="detail"/> says what that means for the request.</summary>
    public static ProblemHttpResult DocumentNotFound(string digest, string? detail = null)
        => Create(StatusCodes.Status404NotFound, ProblemTypes.DocumentNotFound, "The document is not known to this API",
            detail ?? $"no anchor request for {digest}; POST /api/v1/verify asks the chain directly");

    /// <summary>409: the document is in the outbox, but its batch is not confirmed yet.</summary>
    public static ProblemHttpResult NotYetAnchored(Digest digest)
        => Create(StatusCodes.Status409Conflict, ProblemTypes.NotYetAnchored, "The document is not anchored yet", $"{digest} is still in the outbox; try again when its status is anchored");

    /// <summary>503: the outbox cannot store requests now.</summary>
    public static ProblemHttpResult OutboxUnavailable(string detail)
        => Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.OutboxUnavailable, "The request could not be stored; nothing was accepted", detail);

    /// <summary>
    /// 403: the caller (an API key, or a clerk through its roles) lacks a scope the operation needs; says which are
    /// needed and which the caller holds. <paramref name="caller"/> names it: <c>key 3</c>, <c>staff alice</c>.
    /// </summary>
    public static ProblemHttpResult InsufficientScope(ApiKeyScopes needed, ApiKeyScopes held, string? caller)
    {
        var neededNames = ApiKeyScopeNames.Names(needed);
        var heldNames = ApiKeyScopeNames.Names(held);
        var missing = ApiKeyScopeNames.Names(needed & ~held);
        return Create(StatusCodes.Status403Forbidden, ProblemTypes.InsufficientScope, "The API key lacks a scope this operation needs",
            $"this operation needs an API key with scope {string.Join(" and ", neededNames)}; {caller ?? "the caller"} has {(heldNames.Length == 0 ? "none" : string.Join(", ", heldNames))}; create a key with --scope {string.Join(',', missing)} (or give a clerk the role)",
            new Dictionary<string, object?> { ["requiredScopes"] = neededNames, ["keyScopes"] = heldNames });
    }

    /// <summary>403: the caller's department may not act (suspended or without a signer).</summary>
    public static ProblemHttpResult DepartmentSuspended(string code)
        => Create(StatusCodes.Status403Forbidden, ProblemTypes.DepartmentSuspended, "The department is suspended", $"department {code} is suspended in the registry and cannot write");
}
