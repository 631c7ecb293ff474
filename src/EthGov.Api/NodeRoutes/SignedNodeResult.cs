using System.Globalization;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Exchange;

namespace EthGov.Api.NodeRoutes;

/// <summary>
/// A node-to-node answer as bytes: status, media type, body, and, when a department of this node answers, the RFC 9421
/// signature over <c>"@status" "content-digest"</c> by the node key (so the grantee and its evidence file hold the
/// holder's signature of exactly these bytes).
/// </summary>
internal sealed class SignedNodeResult(int status, string contentType, byte[] body, SignedFields? signature, int? retryAfterSeconds) : IResult
{
    /// <summary>The status.</summary>
    public int Status => status;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (signature is not null)
        {
            response.Headers[ContentDigest.FieldName] = signature.ContentDigest;
            response.Headers[HttpSignatureFields.SignatureInputField] = signature.SignatureInput;
            response.Headers[HttpSignatureFields.SignatureField] = signature.Signature;
        }

        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
