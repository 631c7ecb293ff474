using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using EthGov.Cli.Common;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Cli.Anchoring;

/// <summary>What one run of <c>ethgov anchor --keep</c> did.</summary>
/// <param name="Files">Files given.</param>
/// <param name="Anchored">Files anchored and confirmed within the wait, their receipts written.</param>
/// <param name="Pending">Files kept and queued, not yet confirmed when the node answered.</param>
/// <param name="Documents">Each file's digest and status.</param>
public sealed record KeepSummary(int Files, int Anchored, int Pending, IReadOnlyList<KeptFile> Documents);

/// <summary>One file kept by the node.</summary>
/// <param name="Path">The file.</param>
/// <param name="Digest">Its SHA-256.</param>
/// <param name="Status"><c>anchored</c> (receipt written) or <c>pending</c>.</param>
/// <param name="Receipt">Where its receipt was written, when anchored.</param>
public sealed record KeptFile(string Path, Digest Digest, string Status, string? Receipt);

/// <summary>
/// Sends files to the department's node, which keeps each (encrypted) and anchors it: <c>POST
/// /api/v1/documents/upload?keep=true</c> with the department's API key. The node holds the content from then on, so it can
/// release it to other departments under grants; the CLI writes the receipt when the anchor is confirmed within the wait.
/// </summary>
public sealed class NodeKeeper(HttpClient http, string apiKey, DateTimeOffset? validUntil, int waitSeconds)
{
    private const int ConcurrentUploads = 4;

    private static readonly Dictionary<string, string> s_mediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".txt"] = "text/plain",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
    };

    /// <summary>Keeps and anchors <paramref name="files"/>; the first refusal stops the run with its one-line reason.</summary>
    /// <exception cref="CliException">The node refused a file or could not be reached.</exception>
    public async Task<KeepSummary> KeepAsync(IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var kept = new KeptFile[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentUploads, CancellationToken = cancellationToken },
            async (i, ct) => kept[i] = await KeepOneAsync(files[i], ct));
        return new KeepSummary(files.Count, kept.Count(k => k.Receipt is not null), kept.Count(k => k.Receipt is null), kept);
    }

    private async Task<KeptFile> KeepOneAsync(InputFile file, CancellationToken cancellationToken)
    {
        var digest = await DocumentHasher.HashFileAsync(file.Path, cancellationToken);
        var query = $"keep=true&wait=true&timeoutSeconds={waitSeconds.ToString(CultureInfo.InvariantCulture)}"
            + (validUntil is { } until ? "&validUntil=" + Uri.EscapeDataString(until.ToString("O", CultureInfo.InvariantCulture)) : string.Empty);
        await using var stream = File.OpenRead(file.Path);
        using var part = new StreamContent(stream);
        part.Headers.ContentType = new MediaTypeHeaderValue(s_mediaTypes.GetValueOrDefault(Path.GetExtension(file.Path), "application/octet-stream"));
        using var form = new MultipartFormDataContent { { part, "file", Path.GetFileName(file.Path) } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents/upload?" + query) { Content = form };
        request.Headers.Add(Application.ApiKeys.ApiKeyHeader.Name, apiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"the node at {http.BaseAddress} cannot be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"the node at {http.BaseAddress} did not answer in time");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{file.Path}: the node refused it ({(int)response.StatusCode}): {ProblemText(body)}");
            }

            var receipt = ReceiptIn(body, digest);
            if (receipt is null)
            {
                return new KeptFile(file.Path, digest, "pending", null);
            }

            await AtomicFile.WriteAllTextAsync(file.ReceiptPath, ReceiptWriter.ToJson(receipt), cancellationToken);
            return new KeptFile(file.Path, digest, "anchored", file.ReceiptPath);
        }
    }

    // Only a receipt for this very file is written next to it; anything else in the answer is left out.
    private static Receipt? ReceiptIn(string body, Digest digest)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("receipt", out var element) || element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var parsed = ReceiptReader.Parse(element);
            return parsed.Receipt is { } receipt && receipt.Digest == digest ? receipt : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ProblemText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return CliOutput.OneLine(string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s))));
        }
        catch (JsonException)
        {
            return CliOutput.OneLine(body.Length > 200 ? body[..200] : body);
        }
    }
}
