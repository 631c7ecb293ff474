using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Nodes;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Testing;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>
/// A grantee department's node played by the test: it logs access entries on chain itself (with the department's officer
/// key, an active signer of the department that its node does not send with) and sends release requests and receipts to a
/// real holder's node, signed as the protocol demands with the department's node key, or with any key the test gives it.
/// It does what the grantee's own node never does (asks for another record, reuses a log, replays a request), so that
/// each of the holder's refusals can be seen across real processes.
/// </summary>
public sealed class RogueGrantee : IDisposable
{
    private readonly NodeCluster _cluster;
    private readonly NodeKeys _keys;

    private RogueGrantee(NodeCluster cluster, ClusterNode node)
    {
        _cluster = cluster;
        Node = node;
        _keys = NodeKeys.Load(node.NodeKey, 31337UL);
    }

    /// <summary>The department it signs for.</summary>
    public ClusterNode Node { get; }

    /// <summary>The node key <see cref="Node"/>'s department publishes on chain.</summary>
    public ECDsa SigningKey => _keys.Signing;

    /// <summary>Plays the node of the department <paramref name="code"/>.</summary>
    public static RogueGrantee Of(NodeCluster cluster, string code) => new(cluster, cluster[code]);

    /// <summary>A new access entry of this department for <paramref name="recordId"/> under <paramref name="grantId"/>, held by <paramref name="holder"/>.</summary>
    public AccessEntry Entry(BigInteger grantId, Digest recordId, ClusterNode holder, Digest? requestId = null)
        => new(_cluster.Deployment.ChainId, _cluster.Deployment.Registry, grantId, recordId, holder.DepartmentId, Node.DepartmentId,
            requestId ?? NodeDocuments.NewDigest(), Digest.Zero);

    /// <summary>
    /// Logs <paramref name="entries"/> on chain as one access-log batch of this department (<c>logAccessBatch</c>, one
    /// block); returns each entry's inclusion, in order. The batch is not confirmed until another block is mined.
    /// </summary>
    public async Task<IReadOnlyList<LogInclusion>> LogAsync(params AccessEntry[] entries)
    {
        var tree = MerkleTree.Build([.. entries.Select(e => e.Hash())]);
        (await _cluster.OfficerOf(Node.Code).Grants.LogAccessBatchAsync(tree.Root, entries.Length)).Unwrap();
        return [.. entries.Select((_, i) => new LogInclusion(tree.Root, tree.GetProof(i)))];
    }

    /// <summary>The release request for <paramref name="entry"/> logged at <paramref name="log"/>.</summary>
    public static ReleaseRequest RequestFor(AccessEntry entry, LogInclusion log)
        => new(entry.GrantId, entry.RecordId, entry.RequestId, null, null, log);

    /// <summary>
    /// A signed <c>POST /api/v1/node/releases</c> of <paramref name="request"/> to <paramref name="holder"/>'s node, signed
    /// with <paramref name="key"/> (default: this department's node key) as department <paramref name="department"/> (default: this one).
    /// </summary>
    public SignedPost SignRelease(ClusterNode holder, ReleaseRequest request, ECDsa? key = null, uint? department = null)
        => Sign(holder, "api/v1/node/releases", JsonSerializer.SerializeToUtf8Bytes(request, ReleaseOpener.Json), key, department);

    /// <summary>Signs and sends <paramref name="request"/> to <paramref name="holder"/>'s node (see <see cref="SignRelease"/>); returns its answer.</summary>
    public Task<HolderReply> ReleaseAsync(ClusterNode holder, ReleaseRequest request, ECDsa? key = null, uint? department = null)
        => SignRelease(holder, request, key, department).SendAsync();

    /// <inheritdoc />
    public void Dispose() => _keys.Dispose();

    private SignedPost Sign(ClusterNode holder, string path, byte[] body, ECDsa? key, uint? department)
    {
        var target = new Uri(holder.BaseUrl, path);
        var fields = NodeSignatures.SignRequest("POST", target, body, department ?? Node.DepartmentId, _cluster.Deployment.ChainId, _cluster.Deployment.Registry, key ?? _keys.Signing, DateTimeOffset.UtcNow);
        return new SignedPost(target, body, fields.ContentType!, fields.ContentDigest, fields.SignatureInput, fields.Signature);
    }
}

/// <summary>A signed node request as it goes on the wire, which can be sent again exactly as it was (a replay).</summary>
public sealed record SignedPost(Uri Target, byte[] Body, string ContentType, string ContentDigest, string SignatureInput, string Signature)
{
    /// <summary>Sends it (again); returns the node's answer.</summary>
    public async Task<HolderReply> SendAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, Target) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Content.Headers.TryAddWithoutValidation("Content-Digest", ContentDigest);
        request.Headers.TryAddWithoutValidation("Signature-Input", SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", Signature);
        using var response = await client.SendAsync(request);
        return HolderReply.From((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>What a holder's node answered a node request: its status, the refusal's slug when it is a problem, and the body.</summary>
public sealed record HolderReply(int Status, string? Reason, string Body)
{
    /// <summary>Reads an answer; the slug comes from an RFC 7807 problem's <c>type</c> under <see cref="ExchangeRefusal.TypePrefix"/>.</summary>
    public static HolderReply From(int status, string body)
    {
        string? reason = null;
        if (status >= 400)
        {
            try
            {
                using var problem = JsonDocument.Parse(body);
                if (problem.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } uri && uri.StartsWith(ExchangeRefusal.TypePrefix, StringComparison.Ordinal))
                {
                    reason = uri[ExchangeRefusal.TypePrefix.Length..];
                }
            }
            catch (JsonException)
            {
                // Not a problem document: the reason stays unknown and the assertion shows the body.
            }
        }

        return new HolderReply(status, reason, body);
    }

    /// <summary>The release of a 200 answer.</summary>
    public Release Release() => JsonSerializer.Deserialize<Release>(Body, ReleaseOpener.Json)!;

    /// <inheritdoc />
    public override string ToString() => $"{Status} {Reason}: {Body}";
}
