using System.Collections.Concurrent;
using System.Diagnostics;
using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;

namespace EthGov.Chain.Registry;

/// <summary>
/// Shares chain reads between concurrent verifications, with a bound on how old the state behind an answer may be.
/// The latest block is read once for everyone waiting. A caller takes the last completed read when it began at most
/// <c>maxAge</c> before the caller arrived and is not below <c>confirmed</c> (the block of this process's latest own
/// transaction); past half that age the next caller also starts a new read in the background, so under steady
/// questions nobody waits for the node. Otherwise (and always with a zero <c>maxAge</c>) a caller only joins a read
/// that started after it arrived, so the answer rests on a block that was the chain's latest after the question.
/// Calls pinned to a block are then shared by the block's hash: state at a given block never changes, so a stored
/// answer for the same call at the same block is the chain's answer.
/// </summary>
internal sealed class PinnedReads(
    Func<Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>> readLatest, TimeSpan maxAge, ConfirmedBlock confirmed)
{
    // One block's answers at most; a new block starts an empty set.
    private const int MaxCallsPerBlock = 100_000;

    private readonly Lock _gate = new();
    private Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>? _running;
    private Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>? _queued;
    private BlockCalls? _calls;
    private Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>? _completed;
    private long _completedStartedAt;

    /// <summary>
    /// The latest block: read after this call began, or at most <c>maxAge</c> before it (see the class), and never one
    /// below <paramref name="atLeast"/>, a block the caller already saw (so a check that read one fact at block N does
    /// not read the next at an older block kept here).
    /// </summary>
    public Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> LatestAsync(ulong atLeast = 0)
    {
        long arrived = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_completed is { } completed && maxAge > TimeSpan.Zero
                && Stopwatch.GetElapsedTime(_completedStartedAt, arrived) is var age && age <= maxAge
                && completed.Result.Value.Number >= Math.Max(confirmed.Number ?? 0, atLeast))
            {
                if (age > maxAge / 2 && (_running is null || _running.IsCompleted))
                {
                    _running = StartRead();
                }

                return completed;
            }

            if (_queued is not null)
            {
                return _queued;
            }

            if (_running is null || _running.IsCompleted)
            {
                return _running = StartRead();
            }

            return _queued = ReadAfterAsync(_running);
        }
    }

    /// <summary>The result of the call named <paramref name="key"/> at the block <paramref name="blockHash"/>, read once.</summary>
    public async Task<ChainResult<T>> AtBlockAsync<T>(string blockHash, string key, Func<Task<ChainResult<T>>> read)
    {
        var calls = CallsAt(blockHash);
        var task = calls.Results.GetOrAdd(key, _ => Box(read()));
        var result = await task;
        if (!result.IsSuccess)
        {
            // Failures are not facts about the block: the next caller asks again.
            calls.Results.TryRemove(new KeyValuePair<string, Task<ChainResult<object>>>(key, task));
            return ChainResult<T>.Fail(result.Error);
        }

        if (calls.Results.Count > MaxCallsPerBlock)
        {
            calls.Results.Clear();
        }

        return ChainResult<T>.Ok((T)result.Value);
    }

    private async Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> ReadAfterAsync(Task previous)
    {
        await previous.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> mine;
        lock (_gate)
        {
            mine = _running = StartRead();
            _queued = null;
        }

        return await mine.ConfigureAwait(false);
    }

    // Under the gate: starts a read and, when it succeeds, keeps it as the last completed one (unless a read that
    // began later completed first).
    private Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> StartRead()
    {
        long started = Stopwatch.GetTimestamp();
        var read = readLatest();
        // Only keeps the answer; the read itself is returned and awaited by its callers, and a failed one is not kept, so
        // the next caller reads again and gets the failure.
        _ = read.ContinueWith(
            done =>
            {
                if (done.IsCompletedSuccessfully && done.Result.IsSuccess)
                {
                    lock (_gate)
                    {
                        if (_completed is null || started > _completedStartedAt)
                        {
                            _completed = done;
                            _completedStartedAt = started;
                        }
                    }
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return read;
    }

    private BlockCalls CallsAt(string blockHash)
    {
        lock (_gate)
        {
            if (_calls is null || _calls.BlockHash != blockHash)
            {
                _calls = new BlockCalls(blockHash);
            }

            return _calls;
        }
    }

    private static async Task<ChainResult<object>> Box<T>(Task<ChainResult<T>> read)
    {
        var result = await read.ConfigureAwait(false);
        return result.IsSuccess ? ChainResult<object>.Ok(result.Value!) : ChainResult<object>.Fail(result.Error);
    }

    private sealed record BlockCalls(string BlockHash)
    {
        public ConcurrentDictionary<string, Task<ChainResult<object>>> Results { get; } = new(StringComparer.Ordinal);
    }
}
