using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace EthGov.Testing;

/// <summary>
/// A reverse proxy that publishes a node under a path and strips it, as an operator's proxy may: it listens on a loopback
/// port of its own, forwards <c>/civil/...</c> to the node as <c>/...</c>, and answers 404 for anything outside the path
/// (where the host's other applications would live). YARP, configured as an operator would configure it (a route with
/// <c>PathRemovePrefix</c>), rather than a hand-written forwarder: the test is then about the node, not about the proxy.
/// The node is known only after the proxy starts (its public URL names the proxy's port), so the route is set by
/// <see cref="ForwardTo"/>; until then every request is a 404.
/// </summary>
public sealed class PathStrippingProxy : IAsyncDisposable
{
    private const string RouteId = "node";

    private readonly WebApplication _app;

    private PathStrippingProxy(WebApplication app, Uri url, string prefix, ConcurrentQueue<Uri> forwarded)
    {
        _app = app;
        Url = url;
        Prefix = prefix;
        Forwarded = forwarded;
    }

    /// <summary>Where the proxy listens: <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The path the node is published under, as <c>/civil</c>.</summary>
    public string Prefix { get; }

    /// <summary>The node's public base URL through this proxy: <c>http://127.0.0.1:port/civil/</c>.</summary>
    public Uri PublicBaseUrl => new(Url, Prefix.TrimStart('/') + "/");

    /// <summary>The addresses the proxy sent on to the node, prefix removed, in order.</summary>
    public ConcurrentQueue<Uri> Forwarded { get; }

    /// <summary>Starts a proxy for <paramref name="prefix"/> (<c>/civil</c>) on a free loopback port.</summary>
    public static async Task<PathStrippingProxy> StartAsync(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.StartsWith('/') || prefix.EndsWith('/'))
        {
            throw new ArgumentException($"a prefix starts with / and does not end with it, not \"{prefix}\"", nameof(prefix));
        }

        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var forwarded = new ConcurrentQueue<Uri>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString().TrimEnd('/'));
        builder.Services.AddReverseProxy()
            .LoadFromMemory([], [])
            // Read on the response: the request's address is made after the request transforms have run.
            .AddTransforms(context => context.AddResponseTransform(transform =>
            {
                if (transform.ProxyResponse?.RequestMessage?.RequestUri is { } sent)
                {
                    forwarded.Enqueue(sent);
                }

                return ValueTask.CompletedTask;
            }));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new PathStrippingProxy(app, url, prefix, forwarded);
    }

    /// <summary>Forwards the prefix's requests to <paramref name="node"/>, prefix removed.</summary>
    public void ForwardTo(Uri node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var route = new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = RouteId,
            Match = new RouteMatch { Path = Prefix + "/{**rest}" },
        }.WithTransformPathRemovePrefix(new PathString(Prefix));
        var cluster = new ClusterConfig
        {
            ClusterId = RouteId,
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal) { [RouteId] = new() { Address = node.ToString() } },
        };
        _app.Services.GetRequiredService<InMemoryConfigProvider>().Update([route], [cluster]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
