using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Application.Nodes;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// Reads a holder node's answer to a release request, trusting nothing in it: a refusal is taken at its word only for
/// its reason (and retried when the protocol says it may pass); a release must carry the holder department's signature
/// by the key it publishes on chain, name this very request, grant, record and log root, open with this node's
/// encryption key under the info that binds the access entry and the log, and hash to the record id. Anything else is
/// <c>tampered-content</c>. Whether the chain confirms the record's anchor is checked after, by the caller.
/// </summary>
public static class ReleaseOpener
{
    /// <summary>How node-to-node bodies are written: the API's web defaults (camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Reads <paramref name="response"/> to the request of <paramref name="exchange"/> (logged, with its entry <paramref name="entry"/>).</summary>
    /// <param name="response">The holder's answer.</param>
    /// <param name="exchange">The exchange, logged.</param>
    /// <param name="entry">Its access entry.</param>
    /// <param name="holderSigningKey">The holder department's published signing key, or null when it publishes none.</param>
    /// <param name="encryptionKey">This node's encryption key.</param>
    /// <param name="chainId">The chain.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="now">Now, for the signature's lifetime.</param>
    /// <param name="sessions">The release sessions opened so far (each holder seals in a session of a few seconds).</param>
    public static ReleaseOutcome Read(
        NodeResponse response, ExchangeRecord exchange, AccessEntry entry, ECDsa? holderSigningKey, HpkePrivateKey encryptionKey,
        ulong chainId, string registry, DateTimeOffset now, ReleaseRecipientSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(encryptionKey);
        if (response.Status != 200)
        {
            return ReadRefusal(response);
        }

        if (NodeSignatures.VerifyResponse(response.SignedParts(), response.Body, exchange.Holder, holderSigningKey, chainId, registry, now) is { } badSignature)
        {
            // A key the holder has just rotated may not be visible yet; a signature that does not verify never will.
            return badSignature.Reason == ExchangeRefusal.UnknownNodeKey
                ? ReleaseOutcome.Again(ReleaseRetry.Of(ReleaseRetry.HolderKeyUnknown, $"the holder's answer is signed with a key its department does not publish: {badSignature.Detail}"))
                : Tampered($"the holder's signature does not verify: {badSignature.Detail}");
        }

        Release? release;
        try
        {
            release = JsonSerializer.Deserialize<Release>(response.Body, Json);
        }
        catch (JsonException)
        {
            release = null;
        }

        if (release is null || release.Enc is null || release.Ciphertext is null || release.MediaType is null)
        {
            return Tampered("the holder's signed answer is not a release");
        }

        if (release.RequestId != exchange.RequestId || release.GrantId != exchange.GrantId || release.RecordId != exchange.RecordId
            || release.Holder != exchange.Holder || release.LogRoot != exchange.LogRoot)
        {
            return Tampered("the release names another request, grant, record, holder or log than the one asked");
        }

        byte[] content;
        try
        {
            content = sessions.Open(encryptionKey, entry, release.LogRoot, release.Enc, release.Ciphertext);
        }
        catch (CryptographicException)
        {
            return Tampered("the release does not open with this node's key for this access entry and log");
        }

        var digest = new Digest(SHA256.HashData(content));
        if (digest != release.ContentDigest)
        {
            return Tampered($"the content's SHA-256 is {digest}, not the {release.ContentDigest} the release states");
        }

        if (!exchange.IsKindQuery)
        {
            return digest == exchange.RecordId
                ? ReleaseOutcome.Open(new OpenedRelease(release, content, [new ReleasedRecord(digest, release.MediaType, content)]))
                : Tampered($"the content's SHA-256 is {digest}, not the record id {exchange.RecordId}");
        }

        return ReadKindAnswer(release, content);
    }

    private static ReleaseOutcome ReadKindAnswer(Release release, byte[] content)
    {
        KindQueryItem[]? items;
        try
        {
            items = JsonSerializer.Deserialize<KindQueryItem[]>(content, Json);
        }
        catch (JsonException)
        {
            items = null;
        }

        if (items is null)
        {
            return Tampered("the answer to the kind query is not a list of records");
        }

        var records = new List<ReleasedRecord>(items.Length);
        foreach (var item in items)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(item.ContentBase64 ?? string.Empty);
            }
            catch (FormatException)
            {
                return Tampered($"record {item.Digest} of the answer is not base64");
            }

            var digest = new Digest(SHA256.HashData(bytes));
            if (digest != item.Digest)
            {
                return Tampered($"a record of the answer hashes to {digest}, not the {item.Digest} it claims");
            }

            records.Add(new ReleasedRecord(digest, item.MediaType ?? "application/octet-stream", bytes));
        }

        return ReleaseOutcome.Open(new OpenedRelease(release, content, records));
    }

    private static ReleaseOutcome ReadRefusal(NodeResponse response)
    {
        string? type = null;
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(response.Body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = problem.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: judged by its status below.
        }

        if (ExchangeRefusal.TryReasonOfType(type, out var reason) && reason != ExchangeRefusal.TamperedContent)
        {
            var refusal = new ExchangeRefusal(reason, Shorten(detail) ?? $"the holder refused ({response.Status})");
            return refusal.IsRetryable
                ? ReleaseOutcome.Again(ReleaseRetry.Of(ReleaseRetry.HolderRefusedForNow, $"{reason}: {refusal.Detail}", "reason", reason))
                : ReleaseOutcome.Refuse(reason, refusal.Detail);
        }

        // A status the protocol does not name (a proxy's 502, a node being upgraded): nothing says it will not pass.
        return ReleaseOutcome.Again(ReleaseRetry.Of(ReleaseRetry.HolderAnswered, $"the holder's node answered {response.Status}", "status",
            response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string? Shorten(string? detail) => detail is { Length: > 300 } ? detail[..300] : detail;

    private static ReleaseOutcome Tampered(string detail) => ReleaseOutcome.Refuse(ExchangeRefusal.TamperedContent, detail);
}
