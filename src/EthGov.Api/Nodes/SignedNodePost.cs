using EthGov.Api.Exchanges;
using EthGov.Api.Problems;
using EthGov.Application.Nodes;
using EthGov.Chain.Deployments;
using EthGov.Core.Crypto;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Exchange;

namespace EthGov.Api.Nodes;

/// <summary>What a signed post to another department's node came to: its answer, signed by that department's published key, or why it must be sent again later.</summary>
/// <param name="Response">The answer, its signature checked; null when <paramref name="RetryDetail"/> says why there is none.</param>
/// <param name="RetryDetail">Why the message must be sent again (no node key, the chain unread, no node published, the node away, an unsigned answer).</param>
/// <param name="RetryCode">The same as a code with its values, to store where a clerk reads it later (<see cref="StoredErrors"/>).</param>
public sealed record SignedAnswer(NodeResponse? Response, string? RetryDetail, StoredError? RetryCode = null);

/// <summary>
/// Posts a message signed with this node's key for one department to the node another department publishes on chain
/// (through <see cref="NodeClient"/>: address policy, timeout, size cap), and takes its answer only when it is signed by
/// that department's published key. The one path of every node-to-node message a node sends until it is answered:
/// erasure notices, grant requests and their outcomes.
/// </summary>
public sealed class SignedNodePost(HolderNodes nodes, NodeClient client, IServiceProvider services, Deployment deployment)
{
    /// <summary>Signs <paramref name="body"/> for department <paramref name="from"/> and posts it to department <paramref name="to"/>'s node at <paramref name="route"/>.</summary>
    public async Task<SignedAnswer> SendAsync(uint from, uint to, string route, byte[] body, int maxAnswerBytes, CancellationToken cancellationToken)
    {
        if (services.GetService<NodeKeys>() is not { } keys)
        {
            return Retry("this node has no node key (EthGov:NodeKey): it cannot sign", StoredError.Of(StoredErrors.NoNodeKey));
        }

        var other = await nodes.GetAsync(to);
        if (!other.IsSuccess)
        {
            return Retry($"the chain could not be read: {other.Error.Message}", StoredError.Of(StoredErrors.ChainUnavailable));
        }

        if (other.Value is not { } node || !Uri.TryCreate(node.Url, UriKind.Absolute, out var nodeUrl))
        {
            return Retry($"department {to} publishes no node on chain", StoredError.Of(StoredErrors.NoNodePublished, ("department", to)));
        }

        var answer = await client.PostAsync(nodeUrl, route, body,
            url => NodeSignatures.SignRequest("POST", url, body, from, deployment.ChainId, deployment.Registry, keys.Signing, DateTimeOffset.UtcNow).Headers(),
            maxAnswerBytes, cancellationToken);
        if (!answer.IsSuccess)
        {
            return Retry($"department {to}'s node: {answer.Detail}", StoredError.Of(StoredErrors.NodeUnreachable, ("department", to)));
        }

        var response = answer.Value;
        var otherKey = PublishedKeys.Signing(node.SigningKey);
        return NodeSignatures.VerifyResponse(response.SignedParts(), response.Body, to, otherKey, deployment.ChainId, deployment.Registry, DateTimeOffset.UtcNow) is { } unsigned
            ? Retry($"department {to}'s node answered {response.Status} without its signature: {unsigned.Detail}", StoredError.Of(StoredErrors.NodeUnsigned, ("department", to), ("status", response.Status)))
            : new SignedAnswer(response, null);
    }

    private static SignedAnswer Retry(string detail, StoredError code) => new(null, detail, code);
}
