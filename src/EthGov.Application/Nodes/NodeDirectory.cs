using System.Collections.Concurrent;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Application.Nodes;

/// <summary>
/// The departments' nodes as the chain lists them, and nothing else: no configuration names another node. Entries are
/// read again once they are older than <see cref="MaxAge"/>, so a department that moves its node on chain is followed
/// within that time and one read, without a restart.
/// </summary>
/// <remarks>
/// One read of the chain at a time, shared by every caller: an entry that has aged is still answered while its new
/// read runs (in the background), so verifications never queue behind a refresh, and a burst of them at the moment
/// of expiry costs the chain one read rather than one per verification. Only the very first use waits for the chain.
/// </remarks>
public sealed class NodeDirectory(DepartmentOperations departments, TimeProvider? time = null)
{
    /// <summary>How long a read of the chain's node entries is used before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Fresh<IReadOnlyList<DepartmentInfo>> _departments = new();
    private readonly ConcurrentDictionary<uint, Fresh<NodeAddress?>> _nodes = new();

    /// <summary>The node of <paramref name="departmentId"/>, or null when it published none (or an unusable URL) or does not exist.</summary>
    public async Task<ChainResult<NodeAddress?>> NodeOfAsync(uint departmentId)
    {
        var list = await DepartmentsAsync();
        if (!list.IsSuccess)
        {
            return ChainResult<NodeAddress?>.Fail(list.Error);
        }

        if (list.Value.FirstOrDefault(d => d.Id == departmentId) is not { } department)
        {
            return ChainResult<NodeAddress?>.Ok(null);
        }

        return await _nodes.GetOrAdd(departmentId, _ => new Fresh<NodeAddress?>()).GetAsync(_time, () => ReadNodeAsync(department));
    }

    /// <summary>The nodes of every active department that published one.</summary>
    public async Task<ChainResult<IReadOnlyList<NodeAddress>>> ActiveNodesAsync()
    {
        var list = await DepartmentsAsync();
        if (!list.IsSuccess)
        {
            return ChainResult<IReadOnlyList<NodeAddress>>.Fail(list.Error);
        }

        var reads = await Task.WhenAll(list.Value.Where(d => d.Status == DepartmentStatus.Active).Select(d => NodeOfAsync(d.Id)));
        if (reads.Select(r => r.Error).FirstOrDefault(e => e is not null) is { } error)
        {
            return ChainResult<IReadOnlyList<NodeAddress>>.Fail(error);
        }

        return ChainResult<IReadOnlyList<NodeAddress>>.Ok(reads.Select(r => r.Value).OfType<NodeAddress>().ToList());
    }

    private Task<ChainResult<IReadOnlyList<DepartmentInfo>>> DepartmentsAsync()
        => _departments.GetAsync(_time, () => departments.ListAsync());

    private async Task<ChainResult<NodeAddress?>> ReadNodeAsync(DepartmentInfo department)
    {
        var read = await departments.GetNodeAsync(department.Id);
        if (!read.IsSuccess)
        {
            return ChainResult<NodeAddress?>.Fail(read.Error);
        }

        // The contract admits only http(s) URLs; one that still does not parse is treated as no node at all.
        return ChainResult<NodeAddress?>.Ok(read.Value is { } entry && Uri.TryCreate(entry.Url, UriKind.Absolute, out var url)
            ? new NodeAddress(department.Id, department.Code, url)
            : null);
    }

    // One value read from the chain, its age, and the one read in flight.
    private sealed class Fresh<T>
    {
        private readonly Lock _lock = new();
        private (T Value, long ReadAt)? _known;
        private Task<ChainResult<T>>? _reading;

        public async Task<ChainResult<T>> GetAsync(TimeProvider time, Func<Task<ChainResult<T>>> read)
        {
            Task<ChainResult<T>> reading;
            lock (_lock)
            {
                if (_known is { } known && time.GetElapsedTime(known.ReadAt) < MaxAge)
                {
                    return ChainResult<T>.Ok(known.Value);
                }

                reading = _reading ??= ReadAsync(time, read);
                if (_known is { } stale)
                {
                    // Aged: answered as it stands while the new read runs.
                    return ChainResult<T>.Ok(stale.Value);
                }
            }

            return await reading;
        }

        private async Task<ChainResult<T>> ReadAsync(TimeProvider time, Func<Task<ChainResult<T>>> read)
        {
            // Never finish inside GetAsync's lock: the read is set as the one in flight before it can end.
            await Task.Yield();
            try
            {
                var result = await read();
                if (result.IsSuccess)
                {
                    lock (_lock)
                    {
                        _known = (result.Value, time.GetTimestamp());
                    }
                }

                return result;
            }
            finally
            {
                lock (_lock)
                {
                    _reading = null;
                }
            }
        }
    }
}
