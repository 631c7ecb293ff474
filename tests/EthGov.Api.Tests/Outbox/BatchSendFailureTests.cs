using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Outbox;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Storage;
using EthGov.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EthGov.Api.Tests.Outbox;

/// <summary>
/// The batcher sends batches in the background; a send that fails by an exception, not by a chain answer, must be
/// logged like any other failed attempt, and the batch sent again.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit ends the test through IAsyncLifetime.DisposeAsync, which disposes the logs.")]
public sealed class BatchSendFailureTests : IAsyncLifetime
{
    private readonly DevChain _chain = new();
    private readonly CapturedLogs _logs = new();
    private TcpProxy _proxy = null!;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _chain.InitializeAsync();
        _proxy = TcpProxy.Start(_chain.Node.Port);
        _host = await ApiHost.StartAsync(_chain, new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = _proxy.Url.ToString(),
            ["EthGov:Outbox:RetryDelay"] = "00:00:00.100",
            ["EthGov:Outbox:MaxRetryDelay"] = "00:00:00.200",

            // One test holds the SQLite file's write lock: this class is about SQLite even when the suite runs on PostgreSQL.
            ["EthGov:Storage:Provider"] = "sqlite",
        }, logs: _logs);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        await _chain.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task Send_DatabaseLockedWhileStoringTheAttempt_IsLoggedAsAnError()
    {
        using var client = _host.ClientWithKey(await _host.CreateKeyAsync("CIVIL"));
        _proxy.Cut();
        using var accepted = await client.PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // The chain is unreachable: the batcher sends, fails and stores each attempt in the database.
        Assert.True(
            await WaitForAsync(() => BatcherEntries().Any(e => e.Message.Contains("not sent", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)),
            "the batcher never tried to send the batch");

        // Another writer (`ethgov apikey` does this while the API runs) holds the database past the busy timeout: the
        // attempt cannot be stored, and that failure happens inside the background send.
        using var holder = new SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, Database.FileName)}");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var logged = await WaitForAsync(
            () => BatcherEntries().Any(e => e.Level == LogLevel.Error && e.Exception is SqliteException), TimeSpan.FromSeconds(40));

        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        Assert.True(logged, "no error was logged for the failed send; the batcher logged:\n" + string.Join('\n', BatcherEntries().Select(e => $"{e.Level} {e.Message}")));
    }

    private IEnumerable<CapturedLogs.LogEntry> BatcherEntries()
        => _logs.Entries.Where(e => e.Category == typeof(AnchorBatcher).FullName);

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
