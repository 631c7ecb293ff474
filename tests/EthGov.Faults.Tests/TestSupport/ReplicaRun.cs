using System.Globalization;
using EthGov.Application.Storage;
using EthGov.Testing;
using Xunit.Abstractions;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>What the fault tests with several replicas of one node on PostgreSQL share: their settings, their load and their waits.</summary>
public static class ReplicaRun
{
    /// <summary>Settings of one replica of CIVIL's node on <paramref name="store"/>.</summary>
    public static ApiSettings Replica(DeployedChain chain, StorageOptions store)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(store);
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        settings.Settings["EthGov:Storage:Provider"] = store.Provider;
        settings.Settings["EthGov:Storage:ConnectionString"] = store.ConnectionString!;
        return settings;
    }

    /// <summary>
    /// Runs <paramref name="load"/> against <paramref name="baseUrl"/> until <paramref name="stop"/>: a replica that is down
    /// answers nothing, and its clients keep trying until it is back, as behind a load balancer's retry.
    /// </summary>
    public static async Task KeepLoadingAsync(AnchorLoad load, Uri baseUrl, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(load);
        while (!stop.IsCancellationRequested)
        {
            await load.RunAsync(baseUrl, stop);
        }
    }

    /// <summary>The index of the running replica that holds the lease, once one does.</summary>
    public static async Task<int> WaitForLeaderAsync(PostgresOutbox outbox, ApiProcess[] replicas, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        int leader = -1;
        await WaitUntilAsync(() =>
        {
            leader = Holder(outbox, replicas);
            return leader >= 0;
        }, timeout ?? TimeSpan.FromSeconds(30), "a replica holding the lease");
        return leader;
    }

    /// <summary>The index of the running replica named as the lease's holder, -1 when none is.</summary>
    public static int Holder(PostgresOutbox outbox, ApiProcess[] replicas)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var holder = outbox.Lease().Holder.Split('/');
        return holder.Length == 3 ? Array.FindIndex(replicas, r => r.IsRunning && r.Id.ToString(CultureInfo.InvariantCulture) == holder[1]) : -1;
    }

    /// <summary>Whether every batch is settled and the confirmed ones hold every outbox row.</summary>
    public static bool Settled(PostgresOutbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var batches = outbox.Batches();
        return batches.All(b => b.State != 0) && batches.Where(b => b.State == 1).Sum(b => (long)b.Members.Length) >= outbox.DocumentRows();
    }

    /// <summary>
    /// Waits until every document is in a confirmed batch, and writes the outbox's batches and the replicas' last lines
    /// that <paramref name="noted"/> picks to <paramref name="output"/>, settled or not.
    /// </summary>
    public static async Task SettleAsync(PostgresOutbox outbox, IEnumerable<ApiProcess> replicas, ITestOutputHelper output, Func<string, bool> noted)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await WaitUntilAsync(() => Settled(outbox), TimeSpan.FromSeconds(90), "every document in a confirmed batch");
        }
        finally
        {
            var batches = outbox.Batches();
            output.WriteLine($"outbox: {outbox.DocumentRows()} rows, {outbox.DistinctDigests()} digests; batches {string.Join(", ", batches.GroupBy(b => b.State).Select(g => $"state {g.Key}: {g.Count()} of {g.Sum(b => b.Members.Length)}"))}; lease {outbox.Lease()}");
            var confirmed = batches.Where(b => b.State == 1).SelectMany(b => b.Members).ToHashSet();
            var unconfirmed = outbox.Documents().Where(d => !confirmed.Contains(d.Digest)).ToList();
            if (unconfirmed.Count > 0)
            {
                // Which rows, and when they were accepted: enough to tell a page read half-way from a commit lost on its way.
                output.WriteLine($"{unconfirmed.Count} rows in no confirmed batch, first ones (id, accepted at): " + string.Join(", ",
                    unconfirmed.Take(20).Select(d => $"{d.Id} {DateTimeOffset.FromUnixTimeMilliseconds(d.AcceptedAtMs):HH:mm:ss.fff}")));
            }

            foreach (var line in replicas.SelectMany(r => r.Output).Where(noted).TakeLast(40))
            {
                output.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// Stops the replicas in <paramref name="replicas"/> (as the array holds them then) when disposed: a test that fails before
    /// its tally would otherwise leave them running after it.
    /// </summary>
    public static IAsyncDisposable StopAtEnd(ApiProcess?[] replicas) => new ReplicaStopper(replicas);

    private sealed class ReplicaStopper(ApiProcess?[] replicas) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var replica in replicas)
            {
                if (replica is not null)
                {
                    await replica.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, failing the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {timeout} for {what}");
            await Task.Delay(50);
        }
    }
}
