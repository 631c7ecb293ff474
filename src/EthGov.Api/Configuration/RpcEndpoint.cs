namespace EthGov.Api.Configuration;

/// <summary>
/// How the API names its JSON-RPC endpoint in logs: scheme, host and port only. Node providers put credentials in
/// the user info, the path (<c>/v3/&lt;key&gt;</c>) or the query, so none of these is ever written out; answers to
/// callers do not name the endpoint at all.
/// </summary>
public static class RpcEndpoint
{
    /// <summary><paramref name="url"/> without user info, path, query or fragment.</summary>
    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}" : "(not an absolute URL)";
    }
}
