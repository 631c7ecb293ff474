using System.Collections.Concurrent;
using EthGov.Api.Departments;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;

namespace EthGov.Api.Exchanges;

/// <summary>
/// Holder departments' node entries (URL and both public keys) as the chain publishes them, each read again once it is
/// older than <see cref="MaxAge"/>, so a burst of exchanges with one holder costs the chain one read, and a holder that
/// moves its node or rotates its key is followed within seconds.
/// </summary>
public sealed class HolderNodes(DepartmentDirectory departments, TimeProvider? time = null)
{
    /// <summary>How long an entry is used before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<uint, (DepartmentNode? Node, long ReadAt)> _known = new();

    /// <summary>The node entry of <paramref name="department"/>, null when it publishes none.</summary>
    public async Task<ChainResult<DepartmentNode?>> GetAsync(uint department)
    {
        if (_known.TryGetValue(department, out var known) && _time.GetElapsedTime(known.ReadAt) < MaxAge)
        {
            return ChainResult<DepartmentNode?>.Ok(known.Node);
        }

        var read = await departments.Reader.Departments.GetNodeAsync(department);
        if (read.IsSuccess)
        {
            _known[department] = (read.Value, _time.GetTimestamp());
        }

        return read;
    }
}
