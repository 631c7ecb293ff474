using System.Text.RegularExpressions;

namespace EthGov.Api.Page;

/// <summary>
/// Serves the verification page: <c>/</c> to check a file or a receipt, <c>/v/{digest}</c> where a certificate's
/// QR code leads (the page verifies that digest at once), <c>/department</c> for departments anchoring files, and a
/// citizen's <c>/passkeys/register</c> and <c>/consent</c>. All are the same document; its scripts read the path. The
/// document is served with its links and its <c>ethgov-base</c> meta under the page's base path (<see cref="PageBase"/>),
/// so a node published under a path works behind its proxy.
/// </summary>
public static partial class PageApi
{
    /// <summary>
    /// Everything the page loads comes from this server, and it talks to no other: a verification page that
    /// pulled scripts from elsewhere could be made to lie about a verdict.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Serves the page's scripts and styles from wwwroot with the same headers as the page: revalidated on each load
    /// (a stale script must never judge a document) and never sniffed into another content type.
    /// </summary>
    public static IApplicationBuilder UsePageFiles(this IApplicationBuilder app)
        => app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => AddHeaders(context.Context.Response.Headers) });

    /// <summary>The page's document, read from the web root and kept rebased in memory (<see cref="PageDocument"/>).</summary>
    public static IServiceCollection AddEthGovPage(this IServiceCollection services)
        => services.AddSingleton(sp => new PageDocument(sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));

    /// <summary>Maps the page's routes.</summary>
    public static IEndpointRouteBuilder MapPageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ServePage).WithName("VerificationPage").ExcludeFromDescription();
        app.MapGet("/v/{digest}", (HttpContext http, PageDocument document, string digest) => ServePage(http, document))
            .WithName("VerificationPageForDigest").ExcludeFromDescription();
        app.MapGet("/department", ServePage).WithName("DepartmentPage").ExcludeFromDescription();
        // A citizen's pages: registering a passkey with a code, and consenting (or revoking) with it. The code or the
        // request's token travels in the fragment, which neither the request line nor a Referer carries.
        app.MapGet("/passkeys/register", ServePage).WithName("PasskeyRegistrationPage").ExcludeFromDescription();
        app.MapGet("/consent", ServePage).WithName("ConsentPage").ExcludeFromDescription();
        app.MapGet("/my-data", ServePage).WithName("MyDataPage").ExcludeFromDescription();
        return app;
    }

    private static IResult ServePage(HttpContext http, PageDocument document)
    {
        var basePath = PageBase.PathOf(http);
        if (basePath == "/")
        {
            var page = document.File;
            if (!page.Exists || page.PhysicalPath is null)
            {
                return TypedResults.NotFound();
            }

            AddHeaders(http.Response.Headers);
            return TypedResults.PhysicalFile(page.PhysicalPath, "text/html; charset=utf-8");
        }

        if (document.Under(basePath) is not { } rebased)
        {
            return TypedResults.NotFound();
        }

        AddHeaders(http.Response.Headers);
        return TypedResults.Bytes(rebased, "text/html; charset=utf-8");
    }

    /// <summary>
    /// <paramref name="html"/> with every root-relative <c>href</c> and <c>src</c> (<c>"/js/app.js"</c>, <c>"/department"</c>)
    /// under <paramref name="basePath"/>, and the <c>ethgov-base</c> meta naming it for the scripts.
    /// </summary>
    public static string Rebase(string html, string basePath)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        var encoded = System.Net.WebUtility.HtmlEncode(basePath);
        html = BaseMeta().Replace(html, _ => $"<meta name=\"ethgov-base\" content=\"{encoded}\">");
        return RootRelativeLink().Replace(html, match => $"{match.Groups[1].Value}=\"{encoded}");
    }

    [GeneratedRegex("<meta name=\"ethgov-base\" content=\"/\">")]
    private static partial Regex BaseMeta();

    // An attribute holding a path from the host's root: "/x", not "//host/x" (another origin) or "x" (relative).
    [GeneratedRegex("\\b(href|src)=\"/(?!/)")]
    private static partial Regex RootRelativeLink();

    private static void AddHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
    }
}
