using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Nodes;

namespace EthGov.LoadTest.Exchange;

/// <summary>
/// What the exchanges move: JSON records of a set size issued on the holder's node (kept there, anchored), and per grantee
/// a legal-basis grant of each record that allows as many fetches as the registry does (65,535) and storing the copy.
/// </summary>
internal static class ExchangeMaterial
{
    private const int InFlight = 8;

    /// <summary>Issues <paramref name="count"/> records of <paramref name="bytes"/> bytes on <paramref name="holder"/> (a client with its key); returns their digests once anchored.</summary>
    public static async Task<IReadOnlyList<string>> IssueRecordsAsync(HttpClient holder, int count, int bytes, CancellationToken cancellationToken)
    {
        // A first record tells the size of the envelope (kind, salt, subject): the padding of the others makes up the rest.
        var (probe, _) = await IssueAsync(holder, 0, 0, cancellationToken);
        using var probeContent = await holder.GetAsync($"/api/v1/records/{probe}", cancellationToken);
        probeContent.EnsureSuccessStatusCode();
        int envelope = (await probeContent.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        int padding = Math.Max(0, bytes - envelope);
        var digests = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            digests[i] = (await IssueAsync(holder, i + 1, padding, ct)).Digest;
        });

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        foreach (var digest in digests)
        {
            while (true)
            {
                using var json = JsonDocument.Parse(await holder.GetStringAsync($"/api/v1/documents/{digest}", cancellationToken));
                if (json.RootElement.GetProperty("status").GetString() == "anchored")
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"record {digest} not anchored after 2 minutes");
                }

                await Task.Delay(250, cancellationToken);
            }
        }

        using var sized = await holder.GetAsync($"/api/v1/records/{digests[0]}", cancellationToken);
        ApiRun.Log($"  {count} records of {(await sized.Content.ReadAsByteArrayAsync(cancellationToken)).Length} bytes anchored");
        return digests;
    }

    /// <summary>One legal-basis grant of each record to <paramref name="grantee"/>, in the records' order; returns the grant ids.</summary>
    public static async Task<IReadOnlyList<string>> GrantAsync(HttpClient holder, BenchNode grantee, IReadOnlyList<string> records, CancellationToken cancellationToken)
    {
        var grants = new string[records.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, records.Count), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var response = await holder.PostAsJsonAsync("/api/v1/grants", new
            {
                recordId = records[i],
                granteeDepartment = grantee.Code,
                purpose = 7,
                expiresAt = DateTimeOffset.UtcNow.AddDays(30),
                legalBasis = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                terms = new { use = "store", retentionDays = 30, maxFetches = 65535 },
            }, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"grant to {grantee.Code}: {(int)response.StatusCode} {text}");
            }

            grants[i] = JsonDocument.Parse(text).RootElement.GetProperty("grantId").GetString()!;
        });
        return grants;
    }

    private static async Task<(string Digest, int Index)> IssueAsync(HttpClient holder, int index, int padding, CancellationToken cancellationToken)
    {
        using var response = await holder.PostAsJsonAsync("/api/v1/records", new
        {
            kind = "birth-certificate",
            data = new { name = $"Bench Citizen {index}", born = "2001-02-03", register = index, notes = new string('x', padding) },
        }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"record: {(int)response.StatusCode} {text}");
        }

        return (JsonDocument.Parse(text).RootElement.GetProperty("digest").GetString()!, index);
    }
}
