using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Core.Codes;
using EthGov.Core.Revocations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Documents;

/// <summary>The <c>reason</c> of a revocation request: a listed reason by name (<c>"fraud"</c>) or by number (<c>4</c>).</summary>
public static class RequestedRevocationReason
{
    /// <summary>Where the list is served, named in the problem a client gets for a reason not on it.</summary>
    public const string ListPath = "/api/v1/revocation-reasons";

    /// <summary>The listed reason <paramref name="value"/> gives, or the problem saying it gives none.</summary>
    public static (RevocationReason? Reason, ProblemHttpResult? Problem) Read(JsonElement? value)
    {
        // A number is read by its JSON text, so 4.0, -1 and 1e300 are refused like any other text that is not a code.
        var text = value?.ValueKind switch
        {
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Number => value.Value.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            return (null, Problems.Problems.InvalidRequest(
                DocumentTexts.ReasonAListedRevocationReasonIs.With(ListPath)));
        }

        return RevocationReasons.TryParse(text, out var reason, out _)
            ? (reason, null)
            : (null, Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.UnknownRevocationReason,
                "The revocation reason is not on the published list", DocumentTexts.ReasonNotListed.With(CodeEcho.Of(text), RevocationReasons.Listing),
                new Dictionary<string, object?> { ["reasons"] = ListPath }));
    }
}
