using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Nodes;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>
/// A holder's node that tampers, on a loopback port: it answers every release request with a release that is sealed and
/// signed as the protocol demands (with the holder department's own node key, to the grantee's published encryption key,
/// for the request's access entry and log) but whose content is <see cref="Content"/>, not the record asked for. Only
/// tampering is faked this way: a real holder never answers another record.
/// </summary>
public sealed class FakeHolderNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NodeKeys _holderKeys;
    private readonly HpkePublicKey _granteeKey;
    private readonly ReleaseSenderSessions _sessions = new();
    private readonly NodeCluster _cluster;
    private readonly uint _holder;
    private readonly uint _grantee;
    private int _requests;
    private int _receipts;

    private FakeHolderNode(WebApplication app, Uri baseUrl, NodeCluster cluster, ClusterNode holder, ClusterNode grantee, byte[] content)
    {
        _app = app;
        BaseUrl = baseUrl;
        _cluster = cluster;
        _holder = holder.DepartmentId;
        _grantee = grantee.DepartmentId;
        _holderKeys = NodeKeys.Load(holder.NodeKey, 31337UL);
        using var granteeKeys = NodeKeys.Load(grantee.NodeKey, 31337UL);
        _granteeKey = HpkePublicKey.FromBytes([0x04, .. granteeKeys.EncryptionPublicKey]);
        Content = content;
    }

    /// <summary>Where it listens.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Its address as a department would publish it.</summary>
    public string PublicUrl => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>What it releases, whatever was asked.</summary>
    public byte[] Content { get; }

    /// <summary>How many release requests it answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many bodies of receipts it was sent.</summary>
    public int Receipts => Volatile.Read(ref _receipts);

    /// <summary>Starts it for releases of <paramref name="holder"/>'s records to <paramref name="grantee"/>.</summary>
    public static async Task<FakeHolderNode> StartAsync(NodeCluster cluster, ClusterNode holder, ClusterNode grantee, byte[] content)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var node = new FakeHolderNode(app, baseUrl, cluster, holder, grantee, content);
        app.MapPost("/api/v1/node/releases", node.ReleaseAsync);
        app.MapPost("/api/v1/node/releases/receipts", () =>
        {
            Interlocked.Increment(ref node._receipts);
            return Results.Ok();
        });
        await app.StartAsync();
        return node;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stopping.Token);
        }

        await _app.DisposeAsync();
        _holderKeys.Dispose();
    }

    private async Task ReleaseAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var request = JsonSerializer.Deserialize<ReleaseRequest>(buffer.ToArray(), ReleaseOpener.Json)!;
        var deployment = _cluster.Deployment;
        var entry = request.Entry(deployment.ChainId, deployment.Registry, _holder, _grantee);
        var sealedContent = _sessions.Seal(_granteeKey, entry, request.Log.Root, Content);
        var release = new Release(
            request.GrantId, request.RecordId, request.RequestId, _holder, new Digest(SHA256.HashData(Content)), "application/json",
            sealedContent.EncapsulatedKey, sealedContent.Ciphertext, request.Log.Root, 1, DateTimeOffset.UtcNow);
        var body = JsonSerializer.SerializeToUtf8Bytes(release, ReleaseOpener.Json);
        var signed = NodeSignatures.SignResponse(200, body, _holder, deployment.ChainId, deployment.Registry, _holderKeys.Signing, DateTimeOffset.UtcNow);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers[ContentDigest.FieldName] = signed.ContentDigest;
        context.Response.Headers["Signature-Input"] = signed.SignatureInput;
        context.Response.Headers["Signature"] = signed.Signature;
        await context.Response.Body.WriteAsync(body);
    }
}
