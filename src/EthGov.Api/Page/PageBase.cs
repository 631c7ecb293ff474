using EthGov.Api.Configuration;

namespace EthGov.Api.Page;

/// <summary>
/// Where the node's page and API live as the browser sees them. Behind a reverse proxy a node may be published under a
/// path (<c>EthGov:PublicBaseUrl</c> = <c>https://gov.example/civil/</c>): a proxy that passes the path on reaches the
/// node at <c>/civil/...</c>, which <see cref="UsePublicPathBase"/> takes as the request's PathBase; a proxy that strips it
/// reaches the node at <c>/...</c>, and only the public URL still knows the path. The page and the node's redirects are
/// made under this base, never at the host's root.
/// </summary>
public static class PageBase
{
    /// <summary>
    /// The base path, starting and ending with <c>/</c>: the path of <c>EthGov:PublicBaseUrl</c> when it is set (the
    /// public truth, whatever the proxy did to the request), otherwise the request's PathBase.
    /// </summary>
    public static string PathOf(HttpRequest request, Uri? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = publicBaseUrl is { IsAbsoluteUri: true } ? publicBaseUrl.AbsolutePath : request.PathBase.ToUriComponent();
        return "/" + path.Trim('/') + (path.Trim('/').Length > 0 ? "/" : string.Empty);
    }

    /// <summary>The base path of <paramref name="http"/>'s request, with the node's public base URL from its options.</summary>
    public static string PathOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return PathOf(http.Request, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EthGovOptions>>().Value.PublicBaseUrl);
    }

    /// <summary><paramref name="path"/> (written from the node's root, as <c>/department</c>) under the base of <paramref name="http"/>'s request.</summary>
    public static string Under(HttpContext http, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return PathOf(http) + path.TrimStart('/');
    }

    /// <summary>
    /// Takes the path of <paramref name="publicBaseUrl"/>, when it has one, as the PathBase of the requests that arrive
    /// under it (a proxy that passes the path on); requests without it (a proxy that strips it) pass as they are. Before routing.
    /// </summary>
    public static IApplicationBuilder UsePublicPathBase(this IApplicationBuilder app, Uri? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(app);
        var path = publicBaseUrl?.AbsolutePath.TrimEnd('/');
        return string.IsNullOrEmpty(path) ? app : app.UsePathBase(path);
    }
}
