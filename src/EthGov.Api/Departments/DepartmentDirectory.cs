using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Departments;

/// <summary>
/// The registry's departments as last read from the chain, kept for <see cref="DepartmentsOptions.CacheTtl"/>
/// so that a write request can check its department's standing without a chain call each time. The chain
/// stays the authority: a stale entry only delays noticing a suspension, the contract refuses the write anyway.
/// Its reader shares the signers' <see cref="TransactionConfirmation"/>, so a verification never rests on a block
/// older than the API's own latest transaction.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited and released, so it holds no handle to dispose.")]
public sealed class DepartmentDirectory(IOptions<ChainOptions> chain, Deployment deployment, IOptions<DepartmentsOptions> options, TransactionConfirmation confirmation)
{
    private readonly RegistryClient _reader = new(chain.Value, deployment.Registry, null, deployment.Legacy, confirmation: confirmation);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>A client without a signer, for reads.</summary>
    public RegistryClient Reader => _reader;

    /// <summary>All departments, from the cache when fresh.</summary>
    public async Task<ChainResult<IReadOnlyList<DepartmentInfo>>> ListAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && DateTimeOffset.UtcNow - snapshot.ReadAt < options.Value.CacheTtl)
        {
            return ChainResult<IReadOnlyList<DepartmentInfo>>.Ok(snapshot.Departments);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && DateTimeOffset.UtcNow - snapshot.ReadAt < options.Value.CacheTtl)
            {
                return ChainResult<IReadOnlyList<DepartmentInfo>>.Ok(snapshot.Departments);
            }

            var read = await _reader.Departments.ListAsync();
            if (!read.IsSuccess)
            {
                // A chain outage must not lock departments out of the outbox: fall back to the last answer.
                return snapshot is not null ? ChainResult<IReadOnlyList<DepartmentInfo>>.Ok(snapshot.Departments) : read;
            }

            _snapshot = new Snapshot(read.Value, DateTimeOffset.UtcNow);
            return read;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The department with <paramref name="code"/>, or null when the registry has none.</summary>
    public async Task<ChainResult<DepartmentInfo?>> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        var list = await ListAsync(cancellationToken);
        return list.IsSuccess
            ? ChainResult<DepartmentInfo?>.Ok(list.Value.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase)))
            : ChainResult<DepartmentInfo?>.Fail(list.Error);
    }

    /// <summary>The department with <paramref name="id"/>, or null when the registry has none.</summary>
    public async Task<ChainResult<DepartmentInfo?>> FindAsync(uint id, CancellationToken cancellationToken = default)
    {
        var list = await ListAsync(cancellationToken);
        return list.IsSuccess
            ? ChainResult<DepartmentInfo?>.Ok(list.Value.FirstOrDefault(d => d.Id == id))
            : ChainResult<DepartmentInfo?>.Fail(list.Error);
    }

    /// <summary>Forgets the cached list, after a governance change made through the API.</summary>
    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(IReadOnlyList<DepartmentInfo> Departments, DateTimeOffset ReadAt);
}
