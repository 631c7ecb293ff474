using System.Numerics;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;

namespace EthGov.Chain.Registry;

/// <summary>
/// Reads of the time-locked signer changes (ISignerChanges). Requesting, applying and cancelling are transactions of
/// the department's signer (<see cref="DepartmentOperations"/>); the new key's consent is a <see cref="Signing.SignerConsent"/>.
/// </summary>
public sealed class SignerChangeOperations(RegistryContext context)
{
    /// <summary>The most change ids one <see cref="ScanAsync"/> reads, so a page costs a bounded number of calls.</summary>
    public const int MaxExaminedPerScan = 200;

    /// <summary>One change (fails with SignerChangeNotFound).</summary>
    public async Task<ChainResult<SignerChangeInfo>> GetAsync(BigInteger changeId)
    {
        var result = await context.QueryAsync<SignerChangeFunction, SignerChangeOutput>(new SignerChangeFunction { ChangeId = changeId });
        return result.IsSuccess
            ? ChainResult<SignerChangeInfo>.Ok(SignerChangeInfo.From(changeId, result.Value.Change))
            : ChainResult<SignerChangeInfo>.Fail(result.Error);
    }

    /// <summary>How many changes were ever requested (ids 1..n).</summary>
    public Task<ChainResult<BigInteger>> CountAsync() => context.QueryValueAsync<SignerChangeCountFunction, BigInteger>(new SignerChangeCountFunction());

    /// <summary>
    /// Changes that satisfy <paramref name="filter"/>, newest first, from the id below <paramref name="before"/> (all when
    /// null) down: at most <paramref name="limit"/> of them and at most <see cref="MaxExaminedPerScan"/> ids read. The
    /// page's <c>NextBefore</c> is where the next page starts, null when id 1 was read.
    /// </summary>
    public async Task<ChainResult<(IReadOnlyList<SignerChangeInfo> Changes, BigInteger? NextBefore)>> ScanAsync(
        Func<SignerChangeInfo, bool> filter, BigInteger? before, int limit)
    {
        var count = await CountAsync();
        if (!count.IsSuccess)
        {
            return ChainResult<(IReadOnlyList<SignerChangeInfo>, BigInteger?)>.Fail(count.Error);
        }

        var id = BigInteger.Min(before is { } b ? b - 1 : count.Value, count.Value);
        var found = new List<SignerChangeInfo>();
        for (int examined = 0; id >= 1 && found.Count < limit && examined < MaxExaminedPerScan; id--, examined++)
        {
            var change = await GetAsync(id);
            if (!change.IsSuccess)
            {
                return ChainResult<(IReadOnlyList<SignerChangeInfo>, BigInteger?)>.Fail(change.Error);
            }

            if (filter(change.Value))
            {
                found.Add(change.Value);
            }
        }

        return ChainResult<(IReadOnlyList<SignerChangeInfo>, BigInteger?)>.Ok((found, id >= 1 ? id + 1 : null));
    }
}
