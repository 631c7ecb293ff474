using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Legacy;

/// <summary>
/// Documents anchored in the registry 1.x that this registry took over from. They keep verifying: the 1.x registry is
/// read at block <c>cut-over - 1</c> (its state before this registry existed, so nothing anchored, revoked or changed
/// there afterwards counts), its department is matched to this registry's by code, and this registry's
/// <c>legacyRevocation</c> adds the revocations made since; expiry is judged at this registry's latest block.
/// The issuing department revokes them here with <c>revokeLegacy</c>.
/// </summary>
public sealed class LegacyDocuments
{
    private const byte V1Revoked = 3;
    private const byte V1Superseded = 4;

    private readonly RegistryContext _current;
    private readonly RegistryContext _old;

    internal LegacyDocuments(RegistryContext current, LegacyRegistry legacy)
    {
        _current = current;
        _old = new RegistryContext(current.Options, legacy.Registry, confirmation: current.Confirmation);
        Registry = legacy.Registry;
        CutoverBlock = legacy.CutoverBlock;
    }

    /// <summary>The 1.x registry's address.</summary>
    public string Registry { get; }

    /// <summary>This registry's deployment block: 1.x anchors at or after it do not count.</summary>
    public ulong CutoverBlock { get; }

    /// <summary>Whether <paramref name="registry"/> is the 1.x registry (receipts issued there name it).</summary>
    public bool IsLegacy(string registry) => string.Equals(registry, Registry, StringComparison.OrdinalIgnoreCase);

    private BlockParameter BeforeCutover => new(new HexBigInteger(CutoverBlock - 1));

    /// <summary>
    /// What the chain says about a document of registry 1.x: anchored on its own (<paramref name="root"/> null) or as a
    /// leaf of the 1.x batch <paramref name="root"/> (the 1.x registry checks <paramref name="proof"/> itself).
    /// The facts name the 1.x department id, as 1.x receipts do.
    /// </summary>
    public async Task<ChainResult<ChainFacts>> CheckAsync(Digest? root, Digest digest, IReadOnlyList<Digest> proof)
    {
        var latest = await _current.Pinned.LatestAsync();
        if (!latest.IsSuccess)
        {
            return ChainResult<ChainFacts>.Fail(latest.Error);
        }

        var block = latest.Value;
        var key = $"legacy:{root}:{digest}:{string.Join(",", proof)}";
        var view = await _current.Pinned.AtBlockAsync(block.Hash, key, () => root is { } r
            ? _old.QueryAsync<V1CheckInBatchFunction, V1DocumentViewOutput>(
                new V1CheckInBatchFunction { Root = r.ToArray(), Digest = digest.ToArray(), Proof = [.. proof.Select(p => p.ToArray())] }, BeforeCutover)
            : _old.QueryAsync<V1CheckFunction, V1DocumentViewOutput>(new V1CheckFunction { Digest = digest.ToArray() }, BeforeCutover));
        if (!view.IsSuccess)
        {
            return ChainResult<ChainFacts>.Fail(view.Error);
        }

        var v = view.Value.View;
        var facts = new ChainFacts
        {
            Status = DocumentStatus.Unknown,
            ReadAtBlock = block.Number,
            ReadAtTime = block.Time,
            ChainId = _current.Options.ChainId,
            Registry = Registry,
            LegacyCutoverBlock = CutoverBlock,
        };

        // Read before the cut-over, the 1.x state cannot hold a later anchor; checked anyway, as the registry does.
        if (v.Status == 0 || v.AnchoredBlock >= CutoverBlock)
        {
            return ChainResult<ChainFacts>.Ok(facts);
        }

        return await FactsAsync(block, facts, v, digest);
    }

    /// <summary>
    /// What the chain says about a 1.x anchoring transaction: as <see cref="DocumentOperations.ReadTransactionAsync"/>,
    /// for the 1.x registry and its department id <paramref name="departmentId"/>.
    /// </summary>
    public async Task<ChainResult<AnchoringTransaction>> ReadTransactionAsync(Digest hash, uint departmentId, Digest? root, Digest digest)
    {
        var latest = await _current.Pinned.LatestAsync();
        return latest.IsSuccess
            ? await _old.Transactions.ReadAsync(latest.Value, hash, departmentId, root, digest)
            : ChainResult<AnchoringTransaction>.Fail(latest.Error);
    }

    /// <summary>The 1.x departments as they stood just before the cut-over, ids 1..n.</summary>
    public Task<ChainResult<IReadOnlyList<DepartmentInfo>>> DepartmentsAsync()
        => new DepartmentOperations(_old).ListAsync(CutoverBlock - 1);

    /// <summary>
    /// The 1.x department ids (just before the cut-over) mapped to this registry's, by department code; a 1.x department
    /// this registry does not have is left out.
    /// </summary>
    public async Task<ChainResult<IReadOnlyDictionary<uint, uint>>> DepartmentIdsAsync()
    {
        var old = await DepartmentsAsync();
        if (!old.IsSuccess)
        {
            return ChainResult<IReadOnlyDictionary<uint, uint>>.Fail(old.Error);
        }

        var current = await new DepartmentOperations(_current).ListAsync();
        if (!current.IsSuccess)
        {
            return ChainResult<IReadOnlyDictionary<uint, uint>>.Fail(current.Error);
        }

        var byCode = current.Value.ToDictionary(d => d.Code, d => d.Id, StringComparer.Ordinal);
        return ChainResult<IReadOnlyDictionary<uint, uint>>.Ok(old.Value
            .Where(d => byCode.ContainsKey(d.Code))
            .ToDictionary(d => d.Id, d => byCode[d.Code]));
    }

    private async Task<ChainResult<ChainFacts>> FactsAsync((ulong Number, DateTimeOffset Time, string Hash) block, ChainFacts facts, V1DocumentView v, Digest digest)
    {
        var at = new BlockParameter(new HexBigInteger(block.Number));
        var old = await _current.Pinned.AtBlockAsync(block.Hash, $"legacy-department:{v.DepartmentId}",
            () => _old.QueryAsync<DepartmentFunction, DepartmentOutput>(new DepartmentFunction { DepartmentId = v.DepartmentId }, BeforeCutover));
        if (!old.IsSuccess)
        {
            return ChainResult<ChainFacts>.Fail(old.Error);
        }

        // The department is the same across registries by its code; ids may differ.
        var code = old.Value.Department.Code;
        var id = await _current.Pinned.AtBlockAsync(block.Hash, $"departmentIdByCode:{code}",
            () => _current.QueryValueAsync<DepartmentIdByCodeFunction, uint>(new DepartmentIdByCodeFunction { Code = code }, at));
        if (!id.IsSuccess)
        {
            return ChainResult<ChainFacts>.Fail(id.Error);
        }

        var status = (DepartmentStatus)old.Value.Department.Status;
        (bool Revoked, ushort Reason) revocation = (false, 0);
        if (id.Value != 0)
        {
            var current = await _current.Pinned.AtBlockAsync(block.Hash, $"department:{id.Value}",
                () => _current.QueryAsync<DepartmentFunction, DepartmentOutput>(new DepartmentFunction { DepartmentId = id.Value }, at));
            var revoked = await _current.Pinned.AtBlockAsync(block.Hash, $"legacyRevocation:{id.Value}:{digest}",
                () => _current.QueryAsync<LegacyRevocationFunction, LegacyRevocationOutput>(
                    new LegacyRevocationFunction { DepartmentId = id.Value, Digest = digest.ToArray() }, at));
            if (!current.IsSuccess || !revoked.IsSuccess)
            {
                return ChainResult<ChainFacts>.Fail(current.Error ?? revoked.Error!);
            }

            status = (DepartmentStatus)current.Value.Department.Status;
            revocation = (revoked.Value.Revoked, revoked.Value.Reason);
        }

        // A revocation made in 1.x before the cut-over came first; one made here since counts as well.
        bool revokedBefore = v.Status == V1Revoked;
        var successor = new Digest(v.Successor);
        var record = new StoredRecord(
            Anchored: true, AnchoredAt: v.AnchoredAt, AnchoredBlock: v.AnchoredBlock, ValidUntil: v.ValidUntil, DocumentCount: 0, KeyId: 0,
            KeyCompromisedSince: 0, Revoked: revokedBefore || revocation.Revoked, Superseded: !successor.IsZero || v.Status == V1Superseded,
            RevocationReason: revokedBefore ? v.RevocationReason : revocation.Reason, Successor: successor, DepartmentStatus: status);
        return ChainResult<ChainFacts>.Ok(facts with
        {
            Status = DocumentStatusRule.Derive(record, block.Time),
            DepartmentId = v.DepartmentId,
            DepartmentStatus = status,
            AnchoredAt = ChainTime.FromSecondsOrNone(v.AnchoredAt),
            AnchoredBlock = v.AnchoredBlock,
            ValidUntil = ChainTime.FromSecondsOrNone(v.ValidUntil),
            RevocationReason = record.RevocationReason,
            Successor = successor,
            DepartmentCode = code,
            DepartmentName = old.Value.Department.Name,
        });
    }
}
