using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Verification;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Registry;

/// <summary>Anchoring, revoking and superseding documents, one by one or as Merkle batches.</summary>
public sealed class DocumentOperations(RegistryContext context)
{
    /// <summary>Anchors one document digest; <paramref name="validUntil"/> null means no expiry.</summary>
    public Task<ChainResult<TransactionOutcome>> AnchorAsync(Digest digest, DateTimeOffset? validUntil = null, CancellationToken cancellationToken = default)
        => context.SendAsync(new AnchorFunction { Digest = digest.ToArray(), ValidUntil = ToChainTime(validUntil) }, cancellationToken);

    /// <summary>Anchors the root of a Merkle batch of <paramref name="documentCount"/> documents.</summary>
    public Task<ChainResult<TransactionOutcome>> AnchorBatchAsync(Digest root, int documentCount, DateTimeOffset? validUntil = null, CancellationToken cancellationToken = default)
        => context.SendAsync(new AnchorBatchFunction { Root = root.ToArray(), DocumentCount = checked((uint)documentCount), ValidUntil = ToChainTime(validUntil) }, cancellationToken);

    /// <summary>Revokes a single-anchored document with a reason code.</summary>
    public Task<ChainResult<TransactionOutcome>> RevokeAsync(Digest digest, ushort reason, CancellationToken cancellationToken = default)
        => context.SendAsync(new RevokeFunction { Digest = digest.ToArray(), Reason = reason }, cancellationToken);

    /// <summary>Revokes one document of a batch, proven by its Merkle proof.</summary>
    public Task<ChainResult<TransactionOutcome>> RevokeInBatchAsync(Digest root, Digest digest, IReadOnlyList<Digest> proof, ushort reason, CancellationToken cancellationToken = default)
        => context.SendAsync(new RevokeInBatchFunction { Root = root.ToArray(), Digest = digest.ToArray(), Proof = ToList(proof), Reason = reason }, cancellationToken);

    /// <summary>Replaces a single-anchored document by a new one from the same department.</summary>
    public Task<ChainResult<TransactionOutcome>> SupersedeAsync(Digest oldDigest, Digest newDigest, DateTimeOffset? newValidUntil = null, CancellationToken cancellationToken = default)
        => context.SendAsync(new SupersedeFunction { OldDigest = oldDigest.ToArray(), NewDigest = newDigest.ToArray(), NewValidUntil = ToChainTime(newValidUntil) }, cancellationToken);

    /// <summary>Replaces one document of a batch by a new single-anchored one.</summary>
    public Task<ChainResult<TransactionOutcome>> SupersedeInBatchAsync(Digest root, Digest oldDigest, IReadOnlyList<Digest> proof, Digest newDigest, DateTimeOffset? newValidUntil = null, CancellationToken cancellationToken = default)
        => context.SendAsync(new SupersedeInBatchFunction { Root = root.ToArray(), OldDigest = oldDigest.ToArray(), Proof = ToList(proof), NewDigest = newDigest.ToArray(), NewValidUntil = ToChainTime(newValidUntil) }, cancellationToken);

    /// <summary>Submits a department signer's signed anchor (the relayer pays the gas).</summary>
    public Task<ChainResult<TransactionOutcome>> AnchorBySigAsync(Digest digest, DateTimeOffset? validUntil, string signer, DateTimeOffset deadline, byte[] signature, CancellationToken cancellationToken = default)
        => context.SendAsync(new AnchorBySigFunction { Digest = digest.ToArray(), ValidUntil = ToChainTime(validUntil), Signer = signer, Deadline = deadline.ToUnixTimeSeconds(), Signature = signature }, cancellationToken);

    /// <summary>Submits a department signer's signed batch anchor.</summary>
    public Task<ChainResult<TransactionOutcome>> AnchorBatchBySigAsync(Digest root, int documentCount, DateTimeOffset? validUntil, string signer, DateTimeOffset deadline, byte[] signature, CancellationToken cancellationToken = default)
        => context.SendAsync(new AnchorBatchBySigFunction { Root = root.ToArray(), DocumentCount = checked((uint)documentCount), ValidUntil = ToChainTime(validUntil), Signer = signer, Deadline = deadline.ToUnixTimeSeconds(), Signature = signature }, cancellationToken);

    /// <summary>Submits a department signer's signed revocation.</summary>
    public Task<ChainResult<TransactionOutcome>> RevokeBySigAsync(Digest digest, ushort reason, string signer, DateTimeOffset deadline, byte[] signature, CancellationToken cancellationToken = default)
        => context.SendAsync(new RevokeBySigFunction { Digest = digest.ToArray(), Reason = reason, Signer = signer, Deadline = deadline.ToUnixTimeSeconds(), Signature = signature }, cancellationToken);

    /// <summary>The next EIP-712 nonce of <paramref name="signer"/>.</summary>
    public async Task<ChainResult<System.Numerics.BigInteger>> NonceAsync(string signer)
        => await context.QueryValueAsync<NoncesFunction, System.Numerics.BigInteger>(new NoncesFunction { Owner = signer });

    /// <summary>The batch record of <paramref name="root"/> (department 0 when unknown).</summary>
    public Task<ChainResult<BatchRecordOutput>> BatchAsync(Digest root)
        => context.QueryAsync<BatchFunction, BatchRecordOutput>(new BatchFunction { Root = root.ToArray() });

    /// <summary>
    /// What the chain says about a single-anchored <paramref name="digest"/>, read at one pinned block so
    /// that the document and its department are seen in the same state.
    /// </summary>
    public Task<ChainResult<ChainFacts>> CheckAsync(Digest digest) => ReadFactsAsync(new MemberQuery(Digest.Zero, digest));

    /// <summary>
    /// What the chain says about <paramref name="digest"/> as a leaf of the batch <paramref name="root"/>: the answer of
    /// the registry's <c>checkInBatch</c>. The proof is checked here, with the same StandardMerkleTree hashing the
    /// contract uses, and the chain is asked through <c>checkManyMembers</c>, so the node does not parse about 550
    /// bytes of proof for every document; an invalid proof is Unknown, as on chain.
    /// </summary>
    public Task<ChainResult<ChainFacts>> CheckInBatchAsync(Digest root, Digest digest, IReadOnlyList<Digest> proof)
        => ReadFactsAsync(!root.IsZero && MerkleTree.Verify(root, digest, proof as Digest[] ?? [.. proof]) ? new MemberQuery(root, digest) : null);

    // Reads go through the context's PinnedReads: concurrent verifications share the latest-block read (never one
    // that began before they did) and identical questions at the same block hash; different questions at that block
    // travel together in checkManyMembers calls (CoalescedChecks). The facts stay the chain's at ReadAtBlock. A null
    // query is a batch question whose proof failed: Unknown at the latest block, without asking the registry.
    private async Task<ChainResult<ChainFacts>> ReadFactsAsync(MemberQuery? query)
    {
        var latest = await context.Pinned.LatestAsync();
        if (!latest.IsSuccess)
        {
            return ChainResult<ChainFacts>.Fail(latest.Error);
        }

        var block = new BlockParameter(new HexBigInteger(latest.Value.Number));
        var v = new DocumentViewTuple { Successor = new byte[Digest.Size] };
        if (query is { } q)
        {
            var view = await context.Pinned.AtBlockAsync(latest.Value.Hash, $"member:{q.Root}:{q.Digest}",
                () => context.Checks.CheckAsync(latest.Value.Number, latest.Value.Hash, q));
            if (!view.IsSuccess)
            {
                return ChainResult<ChainFacts>.Fail(view.Error);
            }

            v = view.Value;
        }

        string? code = null, name = null;
        if (v.DepartmentId != 0)
        {
            var department = await context.Pinned.AtBlockAsync(latest.Value.Hash, $"department:{v.DepartmentId}",
                () => context.QueryAsync<DepartmentFunction, DepartmentOutput>(new DepartmentFunction { DepartmentId = v.DepartmentId }, block));
            if (!department.IsSuccess)
            {
                return ChainResult<ChainFacts>.Fail(department.Error);
            }

            (code, name) = (department.Value.Department.Code, department.Value.Department.Name);
        }

        return ChainResult<ChainFacts>.Ok(new ChainFacts
        {
            Status = (DocumentStatus)v.Status,
            DepartmentId = v.DepartmentId,
            DepartmentStatus = (DepartmentStatus)v.DepartmentStatus,
            AnchoredAt = ChainFacts.FromUnixSeconds(v.AnchoredAt),
            AnchoredBlock = v.AnchoredBlock,
            ValidUntil = ChainFacts.FromUnixSeconds(v.ValidUntil),
            RevocationReason = v.RevocationReason,
            Successor = new Digest(v.Successor),
            ReadAtBlock = latest.Value.Number,
            ReadAtTime = latest.Value.Time,
            DepartmentCode = code,
            DepartmentName = name,
            ChainId = context.Options.ChainId,
            Registry = context.Address,
        });
    }

    internal static ulong ToChainTime(DateTimeOffset? time) => time is { } t ? (ulong)t.ToUnixTimeSeconds() : 0;

    private static List<byte[]> ToList(IReadOnlyList<Digest> proof) => [.. proof.Select(p => p.ToArray())];
}
