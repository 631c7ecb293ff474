using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;

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

    internal static ulong ToChainTime(DateTimeOffset? time) => time is { } t ? (ulong)t.ToUnixTimeSeconds() : 0;

    private static List<byte[]> ToList(IReadOnlyList<Digest> proof) => [.. proof.Select(p => p.ToArray())];
}
