using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using EthGov.Application.Documents;
using EthGov.Chain.Abi;
using EthGov.Chain.Blocks;
using EthGov.Chain.Registry;
using EthGov.Chain.Rpc;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// The chain as the holder's checks read it, coalesced per block: the latest block number is read once for everyone
/// asking within <c>maxAge</c> (one read in flight at a time), and each grant, department, node entry, access batch and
/// record status is read once per block number and shared by every concurrent request at that block (the newest block
/// asked for and the one before it, so that requests in flight when the head moves still share their reads). A Hardhat node
/// spends about a millisecond on every call, so at hundreds of releases a second this is what keeps the chain's load
/// flat: a burst of requests under one grant costs one grant read per block, not one per request.
/// </summary>
/// <remarks>
/// The reads themselves are taken at the latest block when they run, which is never older than the block they are
/// filed under (the registry client pins only department reads to a block number). A failed read is not kept, so the
/// next request asks again; failures come back as <see cref="ChainResult{T}"/>s for the checks to turn into
/// <c>chain-unavailable</c>.
/// </remarks>
public sealed class HolderChainReads(RegistryClient registry, BlockReader blocks, TimeSpan maxAge)
{
    // One block's reads at most; a new block starts an empty set.
    private const int MaxReadsPerBlock = 100_000;

    private readonly Lock _gate = new();
    private Task<ChainResult<ulong>>? _latest;
    private long _latestStartedAt;
    private BlockReads? _reads;
    private BlockReads? _previous;

    /// <summary>The latest block number: read at most <c>maxAge</c> before this call, by a read shared with concurrent callers.</summary>
    public Task<ChainResult<ulong>> LatestBlockAsync()
    {
        lock (_gate)
        {
            if (_latest is { } latest && (!latest.IsCompleted || (latest.Result.IsSuccess && Stopwatch.GetElapsedTime(_latestStartedAt) <= maxAge)))
            {
                return latest;
            }

            _latestStartedAt = Stopwatch.GetTimestamp();
            return _latest = ReadLatestAsync();
        }
    }

    /// <summary>
    /// The latest block number read now, past the shared read: for a check that failed only because the shared read can be
    /// up to <c>maxAge</c> old. The read becomes the shared one, so concurrent callers start from it too.
    /// </summary>
    public Task<ChainResult<ulong>> FreshLatestBlockAsync()
    {
        lock (_gate)
        {
            _latestStartedAt = Stopwatch.GetTimestamp();
            return _latest = ReadLatestAsync();
        }
    }

    /// <summary>Grant <paramref name="grantId"/>, or null when the registry has none, as read for <paramref name="block"/>.</summary>
    public Task<ChainResult<GrantInfo?>> GrantAsync(ulong block, BigInteger grantId)
        => AtBlockAsync(block, $"grant:{grantId}", async () =>
        {
            var read = await registry.Grants.GetAsync(grantId);
            return read.IsSuccess ? ChainResult<GrantInfo?>.Ok(read.Value)
                : IsRevert(read.Error, "GrantNotFound") ? ChainResult<GrantInfo?>.Ok(null)
                : ChainResult<GrantInfo?>.Fail(read.Error);
        });

    /// <summary>The passkey id that consented to grant <paramref name="grantId"/> (zero for a grant of another basis), as read for <paramref name="block"/>.</summary>
    public Task<ChainResult<Digest>> GrantPasskeyAsync(ulong block, BigInteger grantId)
        => AtBlockAsync(block, $"grant-passkey:{grantId}", () => registry.Grants.PasskeyOfAsync(grantId));

    /// <summary>Department <paramref name="departmentId"/> at <paramref name="block"/>, or null when there is none.</summary>
    public Task<ChainResult<DepartmentInfo?>> DepartmentAsync(ulong block, uint departmentId)
        => AtBlockAsync(block, $"department:{departmentId}", async () =>
        {
            var read = await registry.Departments.GetAsync(departmentId, block);
            return read.IsSuccess ? ChainResult<DepartmentInfo?>.Ok(read.Value)
                : IsRevert(read.Error, "UnknownDepartment") ? ChainResult<DepartmentInfo?>.Ok(null)
                : ChainResult<DepartmentInfo?>.Fail(read.Error);
        });

    /// <summary>The node entry <paramref name="departmentId"/> publishes, or null when it publishes none or does not exist.</summary>
    public Task<ChainResult<DepartmentNode?>> NodeAsync(ulong block, uint departmentId)
        => AtBlockAsync(block, $"node:{departmentId}", async () =>
        {
            var read = await registry.Departments.GetNodeAsync(departmentId);
            return read.IsSuccess || !IsRevert(read.Error, "UnknownDepartment") ? read : ChainResult<DepartmentNode?>.Ok(null);
        });

    /// <summary>The access-log batch <paramref name="root"/>, or null when it was never logged.</summary>
    public Task<ChainResult<AccessBatchInfo?>> AccessBatchAsync(ulong block, Digest root)
        => AtBlockAsync(block, $"batch:{root}", () => registry.Grants.GetAccessBatchAsync(root));

    /// <summary>What the chain says about <paramref name="departmentId"/>'s record <paramref name="digest"/>, anchored at <paramref name="place"/>, read at a block no older than <paramref name="block"/>.</summary>
    public Task<ChainResult<ChainFacts>> RecordAsync(ulong block, uint departmentId, Digest digest, AnchorPlace place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return AtBlockAsync(block, $"record:{departmentId}:{place.Root}:{digest}", () => place.Root is { } root
            ? registry.Documents.CheckInBatchAsync(departmentId, root, digest, place.Proof, block)
            : registry.Documents.CheckAsync(departmentId, digest, block));
    }

    private static bool IsRevert(ChainError? error, string name) => error is { Kind: ChainErrorKind.Reverted } e && e.Name == name;

    private async Task<ChainResult<ulong>> ReadLatestAsync()
    {
        await Task.Yield();
        try
        {
            return ChainResult<ulong>.Ok(await blocks.LatestNumberAsync());
        }
        catch (Exception ex) when (RpcFailure.IsUnreachable(ex) || RpcFailure.IsErrorAnswer(ex))
        {
            return ChainResult<ulong>.Fail(ChainError.Unavailable(ex.Message));
        }
    }

    /// <summary>
    /// Any read filed under <paramref name="key"/> for <paramref name="block"/>: <paramref name="read"/> runs once for every
    /// caller asking for that key at the newest block asked for or the one before it (a failed read is not kept); a read
    /// for an older block runs on its own.
    /// </summary>
    public async Task<ChainResult<T>> AtBlockAsync<T>(ulong block, string key, Func<Task<ChainResult<T>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        BlockReads? reads;
        lock (_gate)
        {
            if (_reads is null || _reads.Block < block || _reads.Results.Count > MaxReadsPerBlock)
            {
                // The block before stays shared: requests that read the head just before it moved are still checked there.
                _previous = _reads is { } last && last.Block < block ? last : null;
                _reads = new BlockReads(block);
            }

            reads = _reads.Block == block ? _reads : _previous?.Block == block ? _previous : null;
        }

        if (reads is null)
        {
            // Older than the two newest blocks read: their state is not kept any more, so it is read on its own.
            return await read();
        }

        // GetOrAdd may run its factory more than once under contention; only the Lazy stored starts a read.
        var shared = reads.Results.GetOrAdd(key, _ => new Lazy<Task<ChainResult<object?>>>(() => BoxAsync(read())));
        var result = await shared.Value;
        if (!result.IsSuccess)
        {
            reads.Results.TryRemove(new KeyValuePair<string, Lazy<Task<ChainResult<object?>>>>(key, shared));
            return ChainResult<T>.Fail(result.Error);
        }

        return ChainResult<T>.Ok((T)result.Value!);
    }

    private static async Task<ChainResult<object?>> BoxAsync<T>(Task<ChainResult<T>> read)
    {
        try
        {
            var result = await read.ConfigureAwait(false);
            return result.IsSuccess ? ChainResult<object?>.Ok(result.Value) : ChainResult<object?>.Fail(result.Error);
        }
        catch (Exception ex) when (RpcFailure.IsUnreachable(ex) || RpcFailure.IsErrorAnswer(ex))
        {
            return ChainResult<object?>.Fail(ChainError.Unavailable(ex.Message));
        }
    }

    private sealed record BlockReads(ulong Block)
    {
        public ConcurrentDictionary<string, Lazy<Task<ChainResult<object?>>>> Results { get; } = new(StringComparer.Ordinal);
    }
}
