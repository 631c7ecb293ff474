using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>
/// What a browser does in a sign-in through a provider, without the browser: one cookie jar for the node (the test
/// server at <see cref="Node"/>) and the provider (a real server on a loopback port), and redirects followed one hop at
/// a time, so a test can stop before a hop and deliver it elsewhere, changed, or from another browser.
/// </summary>
internal sealed partial class TwoSiteBrowser(ApiHost host, Uri? nodeUrl = null) : IDisposable
{
    /// <summary>The node's address as the test server answers it.</summary>
    public static readonly Uri Node = new("http://localhost/");

    /// <summary>Where this browser reaches the node: <see cref="Node"/>, or the public address a proxy in front of it answers.</summary>
    public Uri NodeUrl { get; } = nodeUrl ?? Node;

    private readonly HttpMessageInvoker _node = new(host.Server.CreateHandler());
    private readonly HttpMessageInvoker _web = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    /// <summary>The cookies both sites set.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Whether navigations say they accept HTML, as a browser's do.</summary>
    public bool AcceptsHtml { get; init; }

    /// <summary>One request, with the jar's cookies, storing the cookies it sets; no redirect followed.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.GetCookieHeader(request.RequestUri!) is { Length: > 0 } cookies)
        {
            request.Headers.Add("Cookie", cookies);
        }

        if (AcceptsHtml)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        }

        var response = await (request.RequestUri!.Port == NodeUrl.Port && request.RequestUri.Host == NodeUrl.Host ? _node : _web).SendAsync(request, CancellationToken.None);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                Cookies.SetCookies(request.RequestUri, cookie);
            }
        }

        return response;
    }

    /// <summary>GETs <paramref name="url"/> and follows redirects, until an answer that is not one or a hop <paramref name="stopBefore"/> picks (then its URL).</summary>
    public async Task<(HttpResponseMessage Response, Uri Url, Uri? StoppedBefore)> GetAsync(Uri url, Func<Uri, bool>? stopBefore = null)
        => await FollowAsync(new HttpRequestMessage(HttpMethod.Get, url), stopBefore);

    /// <summary>Sends <paramref name="request"/> and follows the redirects of its answer (see <see cref="GetAsync"/>).</summary>
    public async Task<(HttpResponseMessage Response, Uri Url, Uri? StoppedBefore)> FollowAsync(HttpRequestMessage request, Func<Uri, bool>? stopBefore = null)
    {
        var url = request.RequestUri!;
        var response = await SendAsync(request);
        for (var hops = 0; hops < 10 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; hops++)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (stopBefore?.Invoke(next) == true)
            {
                return (response, url, next);
            }

            response.Dispose();
            url = next;
            response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        }

        return (response, url, null);
    }

    /// <summary>
    /// Starts a sign-in at the node and fills in the provider's form as <paramref name="name"/>; follows everything after
    /// unless <paramref name="stopBefore"/> picks a hop. The sign-in starts at <paramref name="start"/>, the node's own
    /// start address unless given.
    /// </summary>
    public async Task<(HttpResponseMessage Response, Uri Url, Uri? StoppedBefore)> SignInAsync(string name, string password, Func<Uri, bool>? stopBefore = null, Uri? start = null)
    {
        var (form, formUrl, _) = await GetAsync(start ?? new Uri(NodeUrl, "/api/v1/session/oidc"));
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK && formUrl.AbsolutePath == "/login", $"{(int)form.StatusCode} at {formUrl}: {html}");
        var returnUrl = WebUtility.HtmlDecode(ReturnUrl().Match(html).Groups[1].Value);
        return await FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(formUrl, "/login"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = name, ["password"] = password, ["returnUrl"] = returnUrl }),
        }, stopBefore);
    }

    /// <summary>An answer's body.</summary>
    public static Task<string> BodyAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    /// <inheritdoc />
    public void Dispose()
    {
        _node.Dispose();
        _web.Dispose();
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();
}
