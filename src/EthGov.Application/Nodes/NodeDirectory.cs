using System.Collections.Concurrent;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Application.Nodes;

/// <summary>
/// The departments' nodes as the chain lists them, and nothing else: no configuration names another node. Entries are
/// read again once they are older than <see cref="MaxAge"/>, so a department that moves its node on chain is followed
/// within that time, without a restart.
/// </summary>
public sealed class NodeDirectory(DepartmentOperations departments, TimeProvider? time = null)
{
    /// <summary>How long a read of the chain's node entries is reused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<uint, (NodeAddress? Node, long ReadAt)> _nodes = new();
    private (IReadOnlyList<DepartmentInfo> All, long ReadAt)? _departments;

    /// <summary>The node of <paramref name="departmentId"/>, or null when it published none (or an unusable URL) or does not exist.</summary>
    public async Task<ChainResult<NodeAddress?>> NodeOfAsync(uint departmentId)
    {
        if (_nodes.TryGetValue(departmentId, out var known) && Fresh(known.ReadAt))
        {
            return ChainResult<NodeAddress?>.Ok(known.Node);
        }

        var list = await DepartmentsAsync();
        if (!list.IsSuccess)
        {
            return ChainResult<NodeAddress?>.Fail(list.Error);
        }

        if (list.Value.FirstOrDefault(d => d.Id == departmentId) is not { } department)
        {
            return ChainResult<NodeAddress?>.Ok(null);
        }

        var code = department.Code;
        var read = await departments.GetNodeAsync(departmentId);
        if (!read.IsSuccess)
        {
            return ChainResult<NodeAddress?>.Fail(read.Error);
        }

        // The contract admits only http(s) URLs; one that still does not parse is treated as no node at all.
        NodeAddress? node = read.Value is { } entry && Uri.TryCreate(entry.Url, UriKind.Absolute, out var url)
            ? new NodeAddress(departmentId, code, url)
            : null;
        _nodes[departmentId] = (node, _time.GetTimestamp());
        return ChainResult<NodeAddress?>.Ok(node);
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

    private async Task<ChainResult<IReadOnlyList<DepartmentInfo>>> DepartmentsAsync()
    {
        if (_departments is { } known && Fresh(known.ReadAt))
        {
            return ChainResult<IReadOnlyList<DepartmentInfo>>.Ok(known.All);
        }

        var list = await departments.ListAsync();
        if (list.IsSuccess)
        {
            _departments = (list.Value, _time.GetTimestamp());
        }

        return list;
    }

    private bool Fresh(long readAt) => _time.GetElapsedTime(readAt) < MaxAge;
}
