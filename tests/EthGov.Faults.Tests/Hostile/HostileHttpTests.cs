using EthGov.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Chain.Keys;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Faults.Tests.TestSupport;

namespace EthGov.Faults.Tests.Hostile;

/// <summary>
/// Over a thousand generated hostile requests against every endpoint of a real API process: each gets a 4xx
/// problem with a stable type (or, for a tampered receipt, a verdict that is not valid), none a 5xx; the process
/// stays up; the outbox and the chain are unchanged.
/// </summary>
public sealed class HostileHttpTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HostileRequests_EveryEndpoint_Get4xxProblemsAndChangeNothing()
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync();
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        var key = await settings.CreateKeyAsync("CIVIL");
        await using var api = await ApiProcess.StartAsync(settings);
        using var setup = api.Client(key);
        // Every hostile case sets its own key header (or none): this client sends no key by default.
        using var http = api.Client(timeout: TimeSpan.FromSeconds(120));

        string[] documents = [.. Enumerable.Range(0, 4).Select(_ => Digests.New())];
        (await setup.PostAsJsonAsync("/api/v1/documents/batch", new { digests = documents })).EnsureSuccessStatusCode();
        await Faults.ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
        var receipt = await setup.GetStringAsync($"/api/v1/documents/{documents[0]}/receipt");
        var consents = await ConsentsAsync(setup, chain, documents[1]);

        var outbox = new OutboxDatabase(settings.DataDirectory);
        var (rows, batches, block) = (outbox.DocumentRows(), outbox.BatchRows(), await ChainAnchors.BlockNumberAsync(chain.RpcUrl));
        var cases = HostileCases.All(key, documents[0], receipt, consents).ToList();
        var failures = new ConcurrentBag<string>();
        var byKind = new ConcurrentDictionary<string, int>();
        var byStatus = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (hostile, cancellationToken) =>
        {
            byKind.AddOrUpdate(hostile.Kind, 1, (_, n) => n + 1);
            using var request = hostile.Build();
            string status;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var code = (int)response.StatusCode;
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                status = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (code is >= 400 and < 500 && body.Length == 0 && ServerRejects(request.RequestUri!.OriginalString))
                {
                    // Kestrel answers a control character in the path or a request line over 8 KB before any EthGov code runs.
                    status += " kestrel";
                }
                else if (code is >= 400 and < 500)
                {
                    var type = mediaType == "application/problem+json" ? JsonNode.Parse(body)?["type"]?.GetValue<string>() : null;
                    if (type is null || !type.StartsWith(EthGov.Api.Problems.Problems.BaseUri, StringComparison.Ordinal))
                    {
                        failures.Add($"{hostile.Kind}: {hostile.Description}: {code} without a problem type ({mediaType})");
                    }

                    status += " " + type?[EthGov.Api.Problems.Problems.BaseUri.Length..];
                }
                else if (!(hostile.VerdictAllowed && code == 200 && JsonNode.Parse(body)?["outcome"]?.GetValue<string>() is { } outcome && outcome != "valid"))
                {
                    failures.Add($"{hostile.Kind}: {hostile.Description}: {code} {body[..Math.Min(body.Length, 200)]}");
                }
            }
            catch (HttpRequestException ex)
            {
                // Kestrel may close the connection on a body over its limit after answering; anything else is a failure.
                status = "closed";
                if (!hostile.Description.Contains("40 MB", StringComparison.Ordinal))
                {
                    failures.Add($"{hostile.Kind}: {hostile.Description}: no answer ({ex.Message} {ex.GetBaseException().Message})");
                }
            }

            byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        });

        await Task.Delay(500);
        foreach (var failure in failures.Take(400))
        {
            output.WriteLine("FAIL " + failure);
        }

        if (!api.IsRunning)
        {
            output.WriteLine("the API process died; its last lines:" + Environment.NewLine + string.Join(Environment.NewLine, api.Output.TakeLast(80)));
        }

        Assert.True(api.IsRunning, "the API process died under hostile input");
        using var live = await http.GetAsync("/health/live");
        var (rowsAfter, batchesAfter, blockAfter) = (outbox.DocumentRows(), outbox.BatchRows(), await ChainAnchors.BlockNumberAsync(chain.RpcUrl));
        var written = File.Exists("/tmp/ethgov-hostile-written") || File.Exists(Path.Combine(EthGov.Testing.RepositoryPaths.Root, "ethgov-hostile-written"));
        output.WriteLine($"{cases.Count} hostile requests: {string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}");
        output.WriteLine($"answers: {string.Join(", ", byStatus.OrderByDescending(s => s.Value).Select(s => $"{s.Key}: {s.Value}"))}");
        output.WriteLine($"outbox rows {rows} -> {rowsAfter}, batches {batches} -> {batchesAfter}, chain block {block} -> {blockAfter}; process up: {api.IsRunning} (/health/live {(int)live.StatusCode}); " +
            $"file written by an upload name: {written}; {failures.Count} failures; {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(cases.Count >= 1_000, $"only {cases.Count} cases");
        Assert.Empty(failures);
        Assert.True(api.IsRunning);
        Assert.Equal((rows, batches, block), (rowsAfter, batchesAfter, blockAfter));
        Assert.False(written);
    }

    private static bool ServerRejects(string path) =>
        path.Length > 8_000 || path.Contains("%00", StringComparison.Ordinal) || path.Contains("%0A", StringComparison.Ordinal) || path.Contains("%01", StringComparison.Ordinal);

    /// <summary>One consent used for real (so it can be replayed), then forged, replayed, wrong-chain, expired and malformed ones.</summary>
    private static async Task<IReadOnlyList<(string, JsonObject)>> ConsentsAsync(HttpClient http, DeployedChain chain, string recordId)
    {
        const int SubjectIndex = 5;
        var subject = DevAccounts.Get(SubjectIndex, 31337).Address;
        var nonce = (await new EthGov.Chain.Registry.RegistryClient(new EthGov.Chain.Transactions.ChainOptions { RpcUrl = chain.RpcUrl }, chain.Deployment.Registry).Documents.NonceAsync(subject)).Unwrap();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds());
        var deadline = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());

        JsonObject Consent(ulong chainId, int signerIndex, System.Numerics.BigInteger useNonce, DateTimeOffset useDeadline, string? claimed = null)
        {
            var signature = new TypedDataSigner(chainId, chain.Deployment.Registry).Sign(new ConsentTyped
            {
                RecordId = Digest.Parse(recordId).ToArray(), GranteeDepartment = 2, Purpose = 9, ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
                Nonce = useNonce, Deadline = useDeadline.ToUnixTimeSeconds(),
            }, DevAccounts.PrivateKey(signerIndex));
            return new JsonObject
            {
                ["recordId"] = recordId, ["granteeDepartment"] = "HEALTH", ["purpose"] = 9, ["expiresAt"] = expiresAt,
                ["subject"] = claimed ?? subject, ["deadline"] = useDeadline, ["signature"] = "0x" + Convert.ToHexStringLower(signature),
            };
        }

        var used = Consent(31337, SubjectIndex, nonce, deadline);
        using (var granted = await http.PostAsync("/api/v1/grants/consent", new StringContent(used.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, granted.StatusCode);
        }

        var past = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());
        var list = new List<(string, JsonObject)>
        {
            ("replayed", used),
            ("forged (signed by another key)", Consent(31337, 6, nonce + 1, deadline)),
            ("wrong chain (chain id 1)", Consent(1, SubjectIndex, nonce + 1, deadline)),
            ("expired deadline", Consent(31337, SubjectIndex, nonce + 1, past)),
            ("future nonce", Consent(31337, SubjectIndex, nonce + 7, deadline)),
            ("claims another subject", Consent(31337, SubjectIndex, nonce + 1, deadline, DevAccounts.Get(7, 31337).Address)),
        };
        foreach (var (name, signature) in new[] { ("zero signature", "0x" + new string('0', 130)), ("short signature", "0x1234"), ("signature not hex", "0x" + new string('z', 130)), ("v = 99", "0x" + new string('1', 128) + "63") })
        {
            var body = Consent(31337, SubjectIndex, nonce + 1, deadline);
            body["signature"] = signature;
            list.Add((name, body));
        }

        var notAddress = Consent(31337, SubjectIndex, nonce + 1, deadline);
        notAddress["subject"] = "0x1234";
        list.Add(("subject not an address", notAddress));
        return list;
    }
}
