using System.Numerics;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Core.Digests;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Registry;

/// <summary>
/// The chain reads an audit of access logs and evidence files needs, at a stated block where history matters: the
/// endpoint's chain id and head, access-log batches (many at one block, a bounded number at a time), a log's
/// transaction, and a grant or a department's node entry as they stood at the block that logged an access.
/// </summary>
public sealed class AuditReads(RegistryContext context)
{
    /// <summary>How many reads are in flight at once when many roots are read.</summary>
    public const int MaxConcurrentReads = 8;

    /// <summary>The chain id the endpoint reports.</summary>
    public Task<ChainResult<ulong>> ChainIdAsync()
        => context.Decoder.RunAsync(async () => (ulong)(await context.Web3.Eth.ChainId.SendRequestAsync()).Value);

    /// <summary>The latest block number.</summary>
    public async Task<ChainResult<ulong>> HeadAsync()
    {
        var latest = await context.LatestBlockAsync();
        return latest.IsSuccess ? ChainResult<ulong>.Ok(latest.Value.Number) : ChainResult<ulong>.Fail(latest.Error);
    }

    /// <summary>
    /// Each of <paramref name="roots"/> (distinct) as the registry holds it at <paramref name="blockNumber"/>: the batch, or
    /// null when it was never logged. At most <see cref="MaxConcurrentReads"/> reads run at once; the first failure fails all.
    /// </summary>
    public async Task<ChainResult<IReadOnlyDictionary<Digest, AccessBatchInfo?>>> AccessBatchesAsync(
        IReadOnlyCollection<Digest> roots, ulong blockNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<Digest, AccessBatchInfo?>();
        ChainError? failure = null;
        var block = new BlockParameter(new HexBigInteger(blockNumber));
        await Parallel.ForEachAsync(
            roots,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentReads, CancellationToken = cancellationToken },
            async (root, _) =>
            {
                if (Volatile.Read(ref failure) is not null)
                {
                    return;
                }

                var read = await context.QueryAsync<AccessBatchFunction, AccessBatchOutput>(new AccessBatchFunction { Root = root.ToArray() }, block);
                if (!read.IsSuccess)
                {
                    Interlocked.CompareExchange(ref failure, read.Error, null);
                    return;
                }

                found[root] = read.Value.DepartmentId == 0 ? null : new AccessBatchInfo(read.Value.DepartmentId, read.Value.BlockNumber, read.Value.Entries);
            });
        return failure is not null
            ? ChainResult<IReadOnlyDictionary<Digest, AccessBatchInfo?>>.Fail(failure)
            : ChainResult<IReadOnlyDictionary<Digest, AccessBatchInfo?>>.Ok(found);
    }

    /// <summary>The transaction <paramref name="hash"/> and the access logs the registry emitted in it.</summary>
    public Task<ChainResult<AccessLogTransaction>> TransactionAsync(string hash)
        => context.Decoder.RunAsync(async () =>
        {
            var receipt = await context.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
            if (receipt is null)
            {
                return AccessLogTransaction.Missing(hash);
            }

            bool FromRegistry(FilterLog log) => string.Equals(log.Address, context.Address, StringComparison.OrdinalIgnoreCase);
            var batches = receipt.DecodeAllEvents<AccessBatchLoggedEvent>().Where(e => FromRegistry(e.Log))
                .Select(e => (new Digest(e.Event.Root), e.Event.DepartmentId)).ToList();
            var singles = receipt.DecodeAllEvents<AccessLoggedEvent>().Where(e => FromRegistry(e.Log))
                .Select(e => (e.Event.GrantId, e.Event.GranteeDepartment)).ToList();
            return new AccessLogTransaction(hash, true, (ulong)receipt.BlockNumber.Value, receipt.Status?.Value == 1, batches, singles);
        });

    /// <summary>Grant <paramref name="grantId"/> as it stood at <paramref name="blockNumber"/> (fails with GrantNotFound), valid or not then.</summary>
    public async Task<ChainResult<GrantInfo>> GrantAtAsync(BigInteger grantId, ulong blockNumber)
    {
        var block = new BlockParameter(new HexBigInteger(blockNumber));
        var grant = await context.QueryAsync<GrantFunction, GrantOutput>(new GrantFunction { GrantId = grantId }, block);
        if (!grant.IsSuccess)
        {
            return ChainResult<GrantInfo>.Fail(grant.Error);
        }

        var valid = await context.QueryValueAsync<IsGrantValidFunction, bool>(new IsGrantValidFunction { GrantId = grantId }, block);
        return valid.IsSuccess
            ? ChainResult<GrantInfo>.Ok(GrantInfo.From(grantId, grant.Value.Grant, valid.Value))
            : ChainResult<GrantInfo>.Fail(valid.Error);
    }

    /// <summary>The node entry of <paramref name="departmentId"/> at <paramref name="blockNumber"/> (latest when null), null when it had none.</summary>
    public async Task<ChainResult<DepartmentNode?>> NodeAtAsync(uint departmentId, ulong? blockNumber)
    {
        var block = blockNumber is { } number ? new BlockParameter(new HexBigInteger(number)) : null;
        var result = await context.QueryAsync<DepartmentNodeFunction, DepartmentNodeOutput>(new DepartmentNodeFunction { DepartmentId = departmentId }, block);
        return result.IsSuccess
            ? ChainResult<DepartmentNode?>.Ok(DepartmentNode.From(departmentId, result.Value.Node))
            : ChainResult<DepartmentNode?>.Fail(result.Error);
    }
}
