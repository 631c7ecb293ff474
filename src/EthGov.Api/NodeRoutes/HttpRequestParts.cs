using EthGov.Core.Crypto.HttpSignatures;
using Microsoft.AspNetCore.Http.Features;

namespace EthGov.Api.NodeRoutes;

/// <summary>
/// The ASP.NET side of the node signatures: what a signature can cover of a received <see cref="HttpRequest"/>, taken
/// as it was sent (the raw request target, the Host asked for, every header line), so the holder rebuilds the signature
/// base the grantee's <c>HttpClient</c> side signed.
/// </summary>
public static class HttpRequestParts
{
    /// <summary>The request's parts, or null when it lacks what a signed request must have (a Host, an origin-form target).</summary>
    public static HttpMessageParts? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        string path;
        string? query;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            int mark = raw.IndexOf('?', StringComparison.Ordinal);
            path = mark < 0 ? raw : raw[..mark];
            query = mark < 0 ? null : raw[(mark + 1)..];
        }
        else
        {
            path = (request.PathBase + request.Path).ToUriComponent();
            query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null;
        }

        HttpMessageParts parts;
        try
        {
            parts = HttpMessageParts.ForRequest(request.Method, request.Scheme, request.Host.Value ?? string.Empty, path, query);
        }
        catch (ArgumentException)
        {
            return null;
        }

        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                parts.AddField(name, value ?? string.Empty);
            }
        }

        return parts;
    }
}
