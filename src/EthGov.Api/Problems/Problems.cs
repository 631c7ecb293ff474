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
    /// <remarks>The detail comes from the catalog (<see cref="ProblemTemplate"/>) so that it can be answered in Chinese too.</remarks>
    public static ProblemHttpResult Create(int status, string slug, string title, ProblemText? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var result = TypedResults.Problem(detail?.English, statusCode: status, title: title, type: BaseUri + slug, extensions: extensions);
        ProblemLanguages.Attach(result.ProblemDetails, detail);
        return result;
    }

    /// <summary>400: the request is malformed.</summary>
    public static ProblemHttpResult InvalidRequest(ProblemText detail, IDictionary<string, object?>? extensions = null)
        => Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", detail, extensions);

    /// <summary>400: a digest is not 0x + 64 hex digits.</summary>
    public static ProblemHttpResult InvalidDigest(ProblemText detail, IDictionary<string, object?>? extensions = null)
        => Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidDigest, "A digest is not valid", detail, extensions);

    /// <summary>404: the outbox does not know the document; <paramref name="detail"/> says what that means for the request.</summary>
    public static ProblemHttpResult DocumentNotFound(string digest, ProblemText? detail = null)
        => Create(StatusCodes.Status404NotFound, ProblemTypes.DocumentNotFound, "The document is not known to this API",
            detail ?? ProblemTexts.NoAnchorRequest.With(digest));

    /// <summary>409: the document is in the outbox, but its batch is not confirmed yet.</summary>
    public static ProblemHttpResult NotYetAnchored(Digest digest)
        => Create(StatusCodes.Status409Conflict, ProblemTypes.NotYetAnchored, "The document is not anchored yet", ProblemTexts.StillInOutbox.With(digest));

    /// <summary>503: the outbox cannot store requests now.</summary>
    public static ProblemHttpResult OutboxUnavailable(ProblemText detail)
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
            (caller, heldNames.Length) switch
            {
                (null, 0) => ProblemTexts.ScopeNeededCallerHoldsNone.With(new ProblemList(neededNames), string.Join(',', missing)),
                (null, _) => ProblemTexts.ScopeNeededCallerHolds.With(new ProblemList(neededNames), new ProblemList(heldNames), string.Join(',', missing)),
                (_, 0) => ProblemTexts.ScopeNeededHoldsNone.With(new ProblemList(neededNames), caller, string.Join(',', missing)),
                _ => ProblemTexts.ScopeNeededHolds.With(new ProblemList(neededNames), caller, new ProblemList(heldNames), string.Join(',', missing)),
            },
            new Dictionary<string, object?> { ["requiredScopes"] = neededNames, ["keyScopes"] = heldNames });
    }

    /// <summary>403: the caller's department may not act (suspended or without a signer).</summary>
    public static ProblemHttpResult DepartmentSuspended(string code)
        => Create(StatusCodes.Status403Forbidden, ProblemTypes.DepartmentSuspended, "The department is suspended", ProblemTexts.DepartmentSuspended.With(code));
}
