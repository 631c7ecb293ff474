using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Api.Exchanges;
using EthGov.Application.Exchange.Grantee;
using EthGov.Core.Digests;

namespace EthGov.Api.Erasure;

/// <summary>
/// Rewrites an exchange's evidence file when its content is erased, keeping only digests: a request body that carries a
/// sealed query (a person identifier, sealed to the holder) is replaced by its SHA-256, which is what its signed
/// <c>Content-Digest</c> states, so both nodes' signatures still verify; and the file says when and why the content was
/// erased. Everything else in it was digests already.
/// </summary>
public sealed class EvidenceErasure(EvidenceFiles files)
{
    private static readonly JsonSerializerOptions s_indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Rewrites the evidence of <paramref name="exchange"/>, if it has a file; false when it has none.</summary>
    public async Task<bool> EraseAsync(ExchangeRecord exchange, string cause, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var path = files.PathOf(exchange.RequestId);
        if (!File.Exists(path))
        {
            return false;
        }

        JsonNode? evidence;
        await using (var read = File.OpenRead(path))
        {
            evidence = await JsonNode.ParseAsync(read, cancellationToken: cancellationToken);
        }

        if (evidence is not JsonObject root)
        {
            return false;
        }

        if (root["request"] is JsonObject request && request["bodyBase64"] is JsonValue body && body.TryGetValue<string>(out var base64)
            && exchange.IsKindQuery)
        {
            request.Remove("bodyBase64");
            request["bodyDigest"] = new Digest(SHA256.HashData(Convert.FromBase64String(base64))).ToString();
        }

        root["erased"] = new JsonObject
        {
            ["at"] = erasedAt.ToString("O", CultureInfo.InvariantCulture),
            ["cause"] = cause,
        };

        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(file, root, s_indented, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
