using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Api.Configuration;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Nodes;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Exchanges;

/// <summary>
/// One evidence file per release, <c>&lt;data&gt;/evidence/&lt;requestId&gt;.json</c>: the access entry, where it was logged
/// (root, proof, transaction, block), the signed request as sent and the signed response as received (its headers and
/// body digest), and the content's digest, so that an auditor can check both nodes' signatures and the log against any
/// JSON-RPC endpoint. It never holds the content, nor a person identifier in clear (a kind query's person travels sealed,
/// and the request body holds only the sealed form).
/// </summary>
public sealed class EvidenceFiles(IOptions<EthGovOptions> options)
{
    private static readonly JsonSerializerOptions s_indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The folder the files are written to.</summary>
    public string Folder { get; } = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "evidence");

    /// <summary>The file of <paramref name="requestId"/>.</summary>
    public string PathOf(Digest requestId) => Path.Combine(Folder, $"{requestId}.json");

    /// <summary>Writes the evidence of one release (replacing one written by an attempt that crashed before it was verified), flushed to disk.</summary>
    public async Task WriteAsync(
        ExchangeRecord exchange, AccessEntry entry, SentRequest request, NodeResponse response, Digest contentDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var evidence = new JsonObject
        {
            ["entry"] = new JsonObject
            {
                ["chainId"] = entry.ChainId,
                ["registry"] = entry.Registry,
                ["grantId"] = entry.GrantId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["recordId"] = entry.RecordId.ToString(),
                ["holder"] = entry.Holder,
                ["grantee"] = entry.Grantee,
                ["requestId"] = entry.RequestId.ToString(),
                ["queryDigest"] = entry.QueryDigest.ToString(),
                ["hash"] = entry.Hash().ToString(),
            },
            ["log"] = new JsonObject
            {
                ["root"] = exchange.LogRoot?.ToString(),
                ["proof"] = new JsonArray([.. exchange.LogProof.Select(p => (JsonNode)p.ToString())]),
                ["transactionHash"] = exchange.LogTransaction,
                ["blockNumber"] = exchange.LogBlock,
            },
            ["request"] = new JsonObject
            {
                ["method"] = "POST",
                ["authority"] = request.Url.Authority,
                ["path"] = request.Url.AbsolutePath,
                ["headers"] = Headers(request.Headers),
                ["bodyBase64"] = Convert.ToBase64String(request.Body),
            },
            ["response"] = new JsonObject
            {
                ["status"] = response.Status,
                ["headers"] = new JsonObject
                {
                    ["content-digest"] = response.Header("Content-Digest"),
                    ["signature-input"] = response.Header("Signature-Input"),
                    ["signature"] = response.Header("Signature"),
                },
                ["bodyDigest"] = new Digest(System.Security.Cryptography.SHA256.HashData(response.Body)).ToString(),
            },
            ["contentDigest"] = contentDigest.ToString(),
        };

        Directory.CreateDirectory(Folder);
        var path = PathOf(exchange.RequestId);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(file, evidence, s_indented, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static JsonObject Headers(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var written = new JsonObject();
        foreach (var (name, value) in headers)
        {
            written[name.ToLowerInvariant()] = value;
        }

        return written;
    }
}
