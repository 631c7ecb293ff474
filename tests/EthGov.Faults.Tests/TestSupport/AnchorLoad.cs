using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// Department clients anchoring fresh digests as fast as the API answers: single anchors, batches of
/// <see cref="BatchSize"/>, and now and then a repeat of an accepted digest (which must stay one anchor). Records which
/// digests were answered 202/200 (accepted), every status code seen, every refusal's problem type, and requests that got
/// no answer within <paramref name="timeout"/> (60 s unless given).
/// </summary>
public sealed class AnchorLoad(string apiKey, int workers = 4, TimeSpan? timeout = null)
{
    /// <summary>Digests per batch request.</summary>
    public const int BatchSize = 10;

    /// <summary>Digests answered 202 or 200: the API promised them.</summary>
    public ConcurrentDictionary<string, byte> Accepted { get; } = new();

    /// <summary>Every digest sent, answered or not.</summary>
    public ConcurrentDictionary<string, byte> Sent { get; } = new();

    /// <summary>How often each status code was answered.</summary>
    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    /// <summary>
    /// How often each refusal (an answer other than 2xx) came, by status, problem type and whether it said when to retry:
    /// <c>503 https://ethgov.dev/problems/outbox-unavailable Retry-After</c>.
    /// </summary>
    public ConcurrentDictionary<string, int> Refusals { get; } = new();

    /// <summary>Requests that failed without an answer (connection refused or reset, or no answer within the timeout).</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    private int _unanswered;

    /// <summary>Sends requests to <paramref name="baseUrl"/> until <paramref name="stop"/> or <paramref name="maxDigests"/> digests were sent.</summary>
    public async Task RunAsync(Uri baseUrl, CancellationToken stop, int maxDigests = int.MaxValue)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(EthGov.Api.Auth.ApiKeyAuthentication.HeaderName, apiKey);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkAsync(http, w, maxDigests, stop)));
    }

    private async Task WorkAsync(HttpClient http, int worker, int maxDigests, CancellationToken stop)
    {
        for (int round = 0; !stop.IsCancellationRequested && Sent.Count < maxDigests; round++)
        {
            string[] digests;
            Func<Task<HttpResponseMessage>> send;
            if (round % 10 == 9 && Accepted.Keys.FirstOrDefault() is { } again)
            {
                digests = [again];
                send = () => http.PostAsJsonAsync("/api/v1/documents", new { digest = again }, stop);
            }
            else if ((round + worker) % 2 == 0)
            {
                var one = Digests.New();
                digests = [one];
                send = () => http.PostAsJsonAsync("/api/v1/documents", new { digest = one }, stop);
            }
            else
            {
                digests = [.. Enumerable.Range(0, BatchSize).Select(_ => Digests.New())];
                send = () => http.PostAsJsonAsync("/api/v1/documents/batch", new { digests }, stop);
            }

            foreach (var digest in digests)
            {
                Sent.TryAdd(digest, 0);
            }

            try
            {
                using var response = await send();
                Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    foreach (var digest in digests)
                    {
                        Accepted.TryAdd(digest, 0);
                    }
                }
                else if (!response.IsSuccessStatusCode)
                {
                    Refusals.AddOrUpdate(await DescribeRefusalAsync(response, stop), 1, (_, n) => n + 1);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !stop.IsCancellationRequested))
            {
                Interlocked.Increment(ref _unanswered);
                await Task.Delay(20, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task<string> DescribeRefusalAsync(HttpResponseMessage response, CancellationToken stop)
    {
        string type = "(no problem type)";
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
            type = problem.RootElement.TryGetProperty("type", out var t) ? t.GetString() ?? type : type;
        }

        return $"{(int)response.StatusCode} {type}{(response.Headers.RetryAfter is null ? string.Empty : " Retry-After")}";
    }

    /// <summary>The status counts as one line.</summary>
    public string DescribeStatuses() => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
}
