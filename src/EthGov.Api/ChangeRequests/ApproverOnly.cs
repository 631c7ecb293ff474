namespace EthGov.Api.ChangeRequests;

/// <summary>
/// Endpoint metadata of the routes only a signed-in clerk with the approver role may use (no key scope gives it), so the
/// OpenAPI document says so instead of the usual scope sentence.
/// </summary>
public sealed class ApproverOnly
{
    /// <summary>The one instance.</summary>
    public static ApproverOnly Instance { get; } = new();

    /// <summary>What the OpenAPI document says of such a route.</summary>
    public const string Sentence = "Needs a staff session of a clerk with the role `approver` (with the session's `X-CSRF-Token`), never the clerk who asked for approval: "
        + "an API key gets 403 `approval-needs-clerk`, a clerk without the role 403 `approver-required`, the asking clerk 403 `own-change-request`.";
}
