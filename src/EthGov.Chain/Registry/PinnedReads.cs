using System.Collections.Concurrent;
using EthGov.Chain.Abi;

namespace EthGov.Chain.Registry;

/// <summary>
/// Shares chain reads between concurrent verifications without ever answering from an older state than the caller
/// could see. The latest block is read once for everyone waiting, but a caller only joins a read that started after
/// it arrived (otherwise it waits for the next one), so every answer rests on a block that was the chain's latest
/// at some moment after the question was asked. Calls pinned to that block are then shared by the block's hash:
/// state at a given block never changes, so a stored answer for the same call at the same block is the chain's answer.
/// </summary>
internal sealed class PinnedReads(Func<Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>> readLatest)
{
    // One block's answers at most; a new block starts an empty set.
    private const int MaxCallsPerBlock = 100_000;

    private readonly Lock _gate = new();
    private Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>? _running;
    private Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>? _queued;
    private BlockCalls? _calls;

    /// <summary>The latest block, read after this call began.</summary>
    public Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> LatestAsync()
    {
        lock (_gate)
        {
            if (_queued is not null)
            {
                return _queued;
            }

            if (_running is null || _running.IsCompleted)
            {
                return _running = readLatest();
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
            mine = _running = readLatest();
            _queued = null;
        }

        return await mine.ConfigureAwait(false);
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
