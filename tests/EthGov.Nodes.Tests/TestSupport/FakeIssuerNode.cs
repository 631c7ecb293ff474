using System.Collections.Concurrent;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>
/// A department's node gone bad, on a loopback port: it serves the public receipt route
/// (<c>GET /api/v1/documents/{digest}/receipt</c>) with whatever the test set for a digest, at once or after a delay,
/// answers 404 for every other digest, and counts the requests for each. The chain is pointed at it by a change of
/// the department's node entry.
/// </summary>
public sealed class FakeIssuerNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Digest, (string Json, TimeSpan Delay)> _answers = new();
    private readonly ConcurrentDictionary<Digest, int> _requests = new();

    private FakeIssuerNode(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where it listens.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Its address as a department would publish it (no trailing slash).</summary>
    public string PublicUrl => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts a fake node on a free loopback port.</summary>
    public static async Task<FakeIssuerNode> StartAsync()
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var node = new FakeIssuerNode(app, baseUrl);
        app.MapGet("/api/v1/documents/{digest}/receipt", node.ServeAsync);
        await app.StartAsync();
        return node;
    }

    /// <summary>Answers a request for <paramref name="digest"/>'s receipt with <paramref name="json"/>, after <paramref name="delay"/> when given.</summary>
    public void Answer(Digest digest, string json, TimeSpan? delay = null) => _answers[digest] = (json, delay ?? TimeSpan.Zero);

    /// <summary>How many times <paramref name="digest"/>'s receipt was asked for.</summary>
    public int RequestsFor(Digest digest) => _requests.GetValueOrDefault(digest);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stopping.Token);
        }
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context, string digest)
    {
        if (!Digest.TryParse(digest, out var parsed, out _))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        _requests.AddOrUpdate(parsed, 1, (_, n) => n + 1);
        if (!_answers.TryGetValue(parsed, out var answer))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            await Task.Delay(answer.Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up waiting, which is what a slow node is for.
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Json, context.RequestAborted);
    }
}
