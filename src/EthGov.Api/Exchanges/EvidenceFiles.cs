using EthGov.Api.Configuration;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Nodes;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Exchanges;

/// <summary>
/// One evidence file per release, <c>&lt;requestId&gt;.json</c> in <c>EthGov:Exchange:EvidenceDirectory</c>, by default
/// <c>&lt;data&gt;/evidence</c>: the access entry, where it was logged
/// (root, proof, transaction, block), the signed request as sent and the signed response as received (its headers and
/// body digest), and the content's digest, so that an auditor can check both nodes' signatures and the log against any
/// JSON-RPC endpoint. It never holds the content, nor a person identifier in clear (a kind query's person travels sealed,
/// and the request body holds only the sealed form).
/// </summary>
public sealed class EvidenceFiles(IOptions<EthGovOptions> options, IOptions<ExchangeOptions> exchangeOptions)
{
    /// <summary>
    /// The largest evidence file read back. What a node writes is a few kilobytes (headers, digests, a proof of at most 16
    /// hashes, a request body of a grant id and a sealed query); a larger file is not one it wrote.
    /// </summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly string[] s_responseFields = ["Content-Digest", "Signature-Input", "Signature"];

    /// <summary>The folder the files are written to.</summary>
    public string Folder { get; } = Path.GetFullPath(exchangeOptions.Value.EvidenceDirectory is { Length: > 0 } shared
        ? shared
        : Path.Combine(options.Value.DataDirectory, "evidence"));

    /// <summary>The file of <paramref name="requestId"/>.</summary>
    public string PathOf(Digest requestId) => Path.Combine(Folder, $"{requestId}.json");

    /// <summary>
    /// Writes the evidence of one release of the records <paramref name="anchors"/> name, with where the holder anchored
    /// them (replacing one written by an attempt that crashed before it was verified), flushed to disk, in the one format
    /// <see cref="EvidenceJson"/> reads and writes. It goes straight to its path: nobody reads the evidence of an exchange
    /// before it is verified, and it is verified only after this write is on disk (a crash in between leaves a file the
    /// next attempt writes over), so the temporary file and the move that a replacement needs would cost every exchange
    /// two more directory changes for nothing.
    /// </summary>
    public async Task WriteAsync(
        ExchangeRecord exchange, AccessEntry entry, SentRequest request, NodeResponse response, Digest contentDigest, IReadOnlyList<EvidenceAnchor> anchors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(anchors);
        var evidence = new ExchangeEvidence(
            entry,
            entry.Hash(),
            new EvidenceLog(exchange.LogRoot ?? Digest.Zero, exchange.LogProof, exchange.LogTransaction, exchange.LogBlock ?? 0),
            new EvidenceRequest("POST", request.Url.Authority, request.Url.AbsolutePath, Lowercase(request.Headers), request.Body),
            new EvidenceResponse(
                response.Status,
                Lowercase(s_responseFields
                    .Where(name => response.Header(name) is not null)
                    .Select(name => KeyValuePair.Create(name, response.Header(name)!))),
                new Digest(System.Security.Cryptography.SHA256.HashData(response.Body))),
            contentDigest,
            [.. anchors.Select(a => a.Record)])
        {
            Anchors = anchors,
        };

        await WriteFlushedAsync(PathOf(exchange.RequestId), evidence, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="evidence"/> as the file of <paramref name="requestId"/> in the one format
    /// <see cref="EvidenceJson"/> reads and writes, whole or not at all: to a temporary file flushed to disk, then moved
    /// over the old one.
    /// </summary>
    public async Task WriteAsync(Digest requestId, ExchangeEvidence evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var path = PathOf(requestId);
        var temporary = path + ".tmp";
        await WriteFlushedAsync(temporary, evidence, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    // One sync per file: written through the page cache, then flushed to disk (data and size). Written through (O_DSYNC)
    // as well, each file cost a second sync. The folder is made when a write finds it missing (the first, or after it
    // went away), not before every write.
    private async Task WriteFlushedAsync(string path, ExchangeEvidence evidence, CancellationToken cancellationToken)
    {
        FileStream Create() => new(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None);
        FileStream file;
        try
        {
            file = Create();
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Folder);
            file = Create();
        }

        await using (file)
        {
            await file.WriteAsync(EvidenceJson.Write(evidence), cancellationToken);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>The bytes of the file of <paramref name="requestId"/>, as written; null when this node's folder has none.</summary>
    /// <exception cref="InvalidDataException">The file is larger than <see cref="MaxBytes"/>.</exception>
    public async Task<byte[]?> ReadAsync(Digest requestId, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(PathOf(requestId), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (file)
        {
            if (file.Length > MaxBytes)
            {
                throw new InvalidDataException($"the evidence file of {requestId} has {file.Length} bytes, more than an evidence file holds");
            }

            var bytes = new byte[file.Length];
            await file.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }
    }

    private static Dictionary<string, string> Lowercase(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            written[name.ToLowerInvariant()] = value;
        }

        return written;
    }
}
