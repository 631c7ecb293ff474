using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Application.Nodes;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;

namespace EthGov.Testing;

/// <summary>
/// Builds evidence files the way a grantee's node does, from real chain logs and real node signatures, so that audit
/// tests (Application and CLI) check what the nodes write: log an entry in a batch on chain, sign the request as the
/// grantee's node, sign the answer as the holder's node, and put it together.
/// </summary>
public static class EvidenceBuilder
{
    /// <summary>The holder's URL the requests are signed for.</summary>
    public static Uri HolderTarget { get; } = new("http://holder.test:8080/api/v1/node/releases");

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Logs <paramref name="entry"/> (beside one random entry) in one access-log batch by <paramref name="logger"/>'s department.</summary>
    public static async Task<(MerkleTree Tree, TransactionOutcome Outcome)> LogAsync(RegistryClient logger, AccessEntry entry)
    {
        var tree = MerkleTree.Build([entry.Hash(), new Digest(RandomNumberGenerator.GetBytes(32))]);
        var outcome = (await logger.Grants.LogAccessBatchAsync(tree.Root, tree.Count)).Unwrap();
        return (tree, outcome);
    }

    /// <summary>The release request of <paramref name="entry"/> logged in <paramref name="tree"/>, as JSON.</summary>
    public static byte[] RequestBody(AccessEntry entry, MerkleTree tree) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ReleaseRequest(entry.GrantId, entry.RecordId, entry.RequestId, null, null, new LogInclusion(tree.Root, tree.GetProof(entry.Hash()))), s_json);

    /// <summary>The request signed by <paramref name="department"/>'s node with <paramref name="key"/>: the holder's view of it, and the evidence's.</summary>
    public static (HttpMessageParts Message, EvidenceRequest Request) SignRequest(byte[] body, uint department, NodeKeys key, ulong chainId, string registry)
    {
        var fields = NodeSignatures.SignRequest("POST", HolderTarget, body, department, chainId, registry, key.Signing, DateTimeOffset.UtcNow);
        var message = HttpMessageParts.ForRequest("POST", HolderTarget)
            .AddField("Content-Type", fields.ContentType!)
            .AddField("Content-Digest", fields.ContentDigest)
            .AddField("Signature-Input", fields.SignatureInput)
            .AddField("Signature", fields.Signature);
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = fields.ContentType!,
            ["content-digest"] = fields.ContentDigest,
            ["signature-input"] = fields.SignatureInput,
            ["signature"] = fields.Signature,
        };
        return (message, new EvidenceRequest("POST", HolderTarget.Authority, HolderTarget.AbsolutePath, headers, body));
    }

    /// <summary>The holder's answer 200 with <paramref name="release"/>, signed by <paramref name="holder"/>'s node with <paramref name="key"/>, as the evidence keeps it.</summary>
    public static EvidenceResponse SignResponse(Release release, uint holder, NodeKeys key, ulong chainId, string registry)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(release, s_json);
        var fields = NodeSignatures.SignResponse(200, body, holder, chainId, registry, key.Signing, DateTimeOffset.UtcNow);
        return new EvidenceResponse(
            200,
            new Dictionary<string, string>
            {
                ["content-digest"] = fields.ContentDigest,
                ["signature-input"] = fields.SignatureInput,
                ["signature"] = fields.Signature,
            },
            new Digest(SHA256.HashData(body)));
    }

    /// <summary>The evidence of <paramref name="entry"/>'s release of <paramref name="recordId"/>, logged in <paramref name="tree"/> by <paramref name="log"/>.</summary>
    public static ExchangeEvidence Evidence(
        AccessEntry entry, MerkleTree tree, TransactionOutcome log, EvidenceRequest request, EvidenceResponse response, Digest recordId) =>
        new(entry, entry.Hash(), new EvidenceLog(tree.Root, tree.GetProof(entry.Hash()), log.TransactionHash, log.BlockNumber), request, response, recordId, [recordId]);
}
