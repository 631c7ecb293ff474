using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EthGov.Application.Tests.Nodes;

/// <summary>A real Kestrel server on a free loopback port that plays another department's node, and records what it was asked.</summary>
internal sealed class TestNodeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly ConcurrentQueue<string> _connections = new();

    private TestNodeServer(WebApplication app, Func<HttpContext, Task> handle)
    {
        _app = app;
        app.Run(context =>
        {
            _paths.Enqueue(context.Request.Path.Value ?? string.Empty);
            _connections.Enqueue(context.Connection.Id);
            return handle(context);
        });
    }

    /// <summary>The server's base URL, http://127.0.0.1:PORT/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The port it listens on.</summary>
    public int Port => BaseUrl.Port;

    /// <summary>The paths of the requests it received, in order.</summary>
    public IReadOnlyList<string> Paths => [.. _paths];

    /// <summary>The Kestrel connection id each request came on, in order.</summary>
    public IReadOnlyList<string> Connections => [.. _connections];

    public static async Task<TestNodeServer> StartAsync(Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new TestNodeServer(builder.Build(), handle);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    /// <summary>A server that answers every request with the given status and body.</summary>
    public static Task<TestNodeServer> AnsweringAsync(int status, string body) => StartAsync(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    });

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
