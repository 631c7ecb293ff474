using System.Net.Http.Headers;
using System.Security.Cryptography;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange;

/// <summary>
/// The <see cref="HttpClient"/> side of <see cref="NodeSignatures"/>: builds a signed node-to-node request as an
/// <see cref="HttpRequestMessage"/>, and reads a holder's <see cref="HttpResponseMessage"/> back into the parts its
/// signature covers. The server side reads ASP.NET's request the same way (the API's adapter), so both build one base.
/// </summary>
public static class NodeHttpMessages
{
    /// <summary>
    /// A POST of <paramref name="body"/> (JSON) to <paramref name="target"/>, signed by <paramref name="department"/>'s node
    /// key for this chain and registry: Content-Type, Content-Digest, Signature-Input and Signature set.
    /// </summary>
    public static HttpRequestMessage SignedPost(Uri target, byte[] body, uint department, ulong chainId, string registry, ECDsa key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        var fields = NodeSignatures.SignRequest(HttpMethod.Post.Method, target, body, department, chainId, registry, key, now);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(fields.ContentType!);
        content.Headers.TryAddWithoutValidation(ContentDigest.FieldName, fields.ContentDigest);
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        request.Headers.TryAddWithoutValidation(HttpSignatureFields.SignatureInputField, fields.SignatureInput);
        request.Headers.TryAddWithoutValidation(HttpSignatureFields.SignatureField, fields.Signature);
        return request;
    }

    /// <summary>What a response's signature can cover: its status and its header fields (content headers included), as received.</summary>
    public static HttpMessageParts ResponseParts(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var parts = HttpMessageParts.ForResponse((int)response.StatusCode);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            foreach (var value in values)
            {
                parts.AddField(name, value);
            }
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            foreach (var value in values)
            {
                parts.AddField(name, value);
            }
        }

        return parts;
    }

    /// <summary>
    /// Checks a holder's response, whose body was read as <paramref name="body"/>, against the node key the holder
    /// department <paramref name="holder"/> publishes (null when none).
    /// </summary>
    /// <returns>Null when the holder signed exactly this status and body; else why not.</returns>
    public static ExchangeRefusal? VerifyResponse(
        HttpResponseMessage response, ReadOnlySpan<byte> body, uint holder, ECDsa? publishedKey, ulong chainId, string registry, DateTimeOffset now)
        => NodeSignatures.VerifyResponse(ResponseParts(response), body, holder, publishedKey, chainId, registry, now);
}
