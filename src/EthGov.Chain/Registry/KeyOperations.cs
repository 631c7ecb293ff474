using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Core.Verification;

namespace EthGov.Chain.Registry;

/// <summary>
/// Reads of the departments' keys by id: every key a department ever held, current, removed or reported compromised.
/// Reporting a key compromised is a transaction of <see cref="DepartmentOperations"/>.
/// </summary>
public sealed class KeyOperations(RegistryContext context)
{
    /// <summary>What the registry knows about <paramref name="address"/> as a key.</summary>
    public async Task<ChainResult<KeyStanding>> OfAsync(string address)
    {
        var result = await context.QueryAsync<KeyOfFunction, KeyOfOutput>(new KeyOfFunction { Signer = address });
        return result.IsSuccess
            ? ChainResult<KeyStanding>.Ok(new KeyStanding(result.Value.DepartmentId, result.Value.KeyId, result.Value.Active, ChainTime.FromSecondsOrNone(result.Value.CompromisedSince)))
            : ChainResult<KeyStanding>.Fail(result.Error);
    }

    /// <summary>How many key ids <paramref name="departmentId"/> has issued (0 for an unknown department).</summary>
    public Task<ChainResult<ushort>> CountAsync(uint departmentId)
        => context.QueryValueAsync<KeyCountFunction, ushort>(new KeyCountFunction { DepartmentId = departmentId });

    /// <summary>
    /// Every key id of <paramref name="departmentId"/>, in order: current (in the department's list now), removed, or
    /// compromised (with the time its compromise began). Fails with UnknownDepartment for an unknown department.
    /// </summary>
    public async Task<ChainResult<IReadOnlyList<KeyInfo>>> ListAsync(uint departmentId)
    {
        var department = await context.QueryAsync<DepartmentFunction, DepartmentOutput>(new DepartmentFunction { DepartmentId = departmentId });
        if (!department.IsSuccess)
        {
            return ChainResult<IReadOnlyList<KeyInfo>>.Fail(department.Error);
        }

        var count = await CountAsync(departmentId);
        if (!count.IsSuccess)
        {
            return ChainResult<IReadOnlyList<KeyInfo>>.Fail(count.Error);
        }

        // An address removed earlier may hold a newer key id now: "current" is a key id, not an address.
        var current = new HashSet<ushort>();
        foreach (var signer in department.Value.Department.Signers)
        {
            var standing = await OfAsync(signer);
            if (!standing.IsSuccess)
            {
                return ChainResult<IReadOnlyList<KeyInfo>>.Fail(standing.Error);
            }

            current.Add(standing.Value.KeyId);
        }

        var keys = new List<KeyInfo>(count.Value);
        for (ushort keyId = 1; keyId <= count.Value; keyId++)
        {
            var key = await context.QueryAsync<KeyFunction, KeyOutput>(new KeyFunction { DepartmentId = departmentId, KeyId = keyId });
            if (!key.IsSuccess)
            {
                return ChainResult<IReadOnlyList<KeyInfo>>.Fail(key.Error);
            }

            var since = ChainTime.FromSecondsOrNone(key.Value.CompromisedSince);
            var state = since is not null ? KeyState.Compromised : current.Contains(keyId) ? KeyState.Current : KeyState.Removed;
            keys.Add(new KeyInfo(departmentId, keyId, key.Value.Signer, state, since));
        }

        return ChainResult<IReadOnlyList<KeyInfo>>.Ok(keys);
    }
}
