using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Legacy;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Verification;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Registry;

/// <summary>
/// Anchoring, revoking and superseding documents, one by one or as Merkle batches, and reading them; with
/// <see cref="Legacy"/>, the documents of the registry 1.x this one took over from.
/// </summary>
public sealed class DocumentOperations(RegistryContext context, LegacyDocuments? legacy = null)
{
    /// <summary>The documents of the registry 1.x this registry took over from, when the deployment names one.</summary>
    public LegacyDocuments? Legacy => legacy;

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

    /// <summary>
    /// Revokes a document the signer's department anchored in registry 1.x before the cut-over, singly
    /// (<paramref name="root"/> null) or in the 1.x batch <paramref name="root"/> with <paramref name="proof"/>.
    /// </summary>
    public Task<ChainResult<TransactionOutcome>> RevokeLegacyAsync(Digest? root, Digest digest, IReadOnlyList<Digest> proof, ushort reason, CancellationToken cancellationToken = default)
        => context.SendAsync(new RevokeLegacyFunction { Root = (root ?? Digest.Zero).ToArray(), Digest = digest.ToArray(), Proof = ToList(proof), Reason = reason }, cancellationToken);

    /// <summary>Replaces a single-anchored document by a new one from the same department.</summary>
    public Task<ChainResult<TransactionOutcome>> SupersedeAsync(Digest oldDigest, Digest newDigest, DateTimeOffset? newValidUntil = null, CancellationToken cancellationToken = default)
        => context.SendAsync(new SupersedeFunction { OldDigest = oldDigest.ToArray(), NewDigest = newDigest.ToArray(), NewValidUntil = ToChainTime(newValidUntil) }, cancellationToken);

    /// <summary>Replaces one document of a batch by a new single-anchored one.</summary>
    public Task<ChainResult<TransactionOutcome>> SupersedeInBatchAsync(Digest root, Digest oldDigest, IReadOnlyList<Digest> proof, Digest newDigest, DateTimeOffset? newValidUntil = null, CancellationToken cancellationToken = default)
        => context.SendAsync(new SupersedeInBatchFunction { Root = root.ToArray(), OldDigest = oldDigest.ToArray(), Proof = ToList(proof), NewDigest = newDigest.ToArray(), NewValidUntil = ToChainTime(newValidUntil) }, cancellationToken);

    /// <summary>The next EIP-712 nonce of <paramref name="signer"/>.</summary>
    public async Task<ChainResult<System.Numerics.BigInteger>> NonceAsync(string signer)
        => await context.QueryValueAsync<NoncesFunction, System.Numerics.BigInteger>(new NoncesFunction { Owner = signer });

    /// <summary>
    /// What the chain says about <paramref name="digest"/> anchored on its own by <paramref name="departmentId"/>, read at
    /// one pinned block so that the document and its department are seen in the same state, no older than block
    /// <paramref name="atLeast"/>.
    /// </summary>
    public async Task<ChainResult<ChainFacts>> CheckAsync(uint departmentId, Digest digest, ulong atLeast = 0)
    {
        var latest = await context.Pinned.LatestAsync(atLeast);
        return latest.IsSuccess
            ? await FactsAsync(latest.Value, departmentId, new RecordQuery(departmentId, Digest.Zero, digest))
            : ChainResult<ChainFacts>.Fail(latest.Error);
    }

    /// <summary>
    /// What the chain says about <paramref name="digest"/> as a leaf of the batch <paramref name="root"/> of
    /// <paramref name="departmentId"/>: what the registry's <c>checkInBatch</c> answers. The proof is checked here, with
    /// the same StandardMerkleTree hashing the contract uses, then the registry's raw <c>records</c> are read and the
    /// status rule applied (<see cref="DocumentStatusRule"/>), so the node does not parse about 550 bytes of proof for
    /// every document; an invalid proof is Unknown, as on chain. Read at a block no older than <paramref name="atLeast"/>.
    /// </summary>
    public async Task<ChainResult<ChainFacts>> CheckInBatchAsync(uint departmentId, Digest root, Digest digest, IReadOnlyList<Digest> proof, ulong atLeast = 0)
    {
        var latest = await context.Pinned.LatestAsync(atLeast);
        if (!latest.IsSuccess)
        {
            return ChainResult<ChainFacts>.Fail(latest.Error);
        }

        var proven = !root.IsZero && MerkleTree.Verify(root, digest, proof as Digest[] ?? [.. proof]);
        return await FactsAsync(latest.Value, departmentId, proven ? new RecordQuery(departmentId, root, digest) : null);
    }

    /// <summary>
    /// Every department's single anchor of <paramref name="digest"/> at one block, asked in one <c>records</c> call: what
    /// a verifier that does not know the issuer needs. The answer lists the facts of each department, in id order
    /// (Unknown for those that did not anchor it); a document anchored in a batch is not found this way (its proof is needed).
    /// </summary>
    public async Task<ChainResult<IReadOnlyList<ChainFacts>>> CheckEveryDepartmentAsync(Digest digest)
    {
        var latest = await context.Pinned.LatestAsync();
        if (!latest.IsSuccess)
        {
            return ChainResult<IReadOnlyList<ChainFacts>>.Fail(latest.Error);
        }

        var block = latest.Value;
        var count = await context.Pinned.AtBlockAsync(block.Hash, "departmentCount",
            () => context.QueryValueAsync<DepartmentCountFunction, uint>(new DepartmentCountFunction(), new BlockParameter(new HexBigInteger(block.Number))));
        if (!count.IsSuccess)
        {
            return ChainResult<IReadOnlyList<ChainFacts>>.Fail(count.Error);
        }

        var queries = new RecordQuery[count.Value];
        for (uint id = 1; id <= count.Value; id++)
        {
            queries[id - 1] = new RecordQuery(id, Digest.Zero, digest);
        }

        var records = await RecordsAtAsync(block, queries);
        if (!records.IsSuccess)
        {
            return ChainResult<IReadOnlyList<ChainFacts>>.Fail(records.Error);
        }

        var facts = new List<ChainFacts>(queries.Length);
        for (int i = 0; i < queries.Length; i++)
        {
            var one = await FactsOfAsync(block, queries[i].DepartmentId, records.Value[i]);
            if (!one.IsSuccess)
            {
                return ChainResult<IReadOnlyList<ChainFacts>>.Fail(one.Error);
            }

            facts.Add(one.Value);
        }

        return ChainResult<IReadOnlyList<ChainFacts>>.Ok(facts);
    }

    /// <summary>
    /// What the chain says about the stated anchoring transaction <paramref name="hash"/>: whether it is there, in which
    /// block, sent to which contract, and whether this registry logged in it the anchoring by <paramref name="departmentId"/>
    /// of <paramref name="digest"/> (singly, when <paramref name="root"/> is null) or of the batch <paramref name="root"/>.
    /// </summary>
    public async Task<ChainResult<AnchoringTransaction>> ReadTransactionAsync(Digest hash, uint departmentId, Digest? root, Digest digest)
    {
        var latest = await context.Pinned.LatestAsync();
        return latest.IsSuccess
            ? await context.Transactions.ReadAsync(latest.Value, hash, departmentId, root, digest)
            : ChainResult<AnchoringTransaction>.Fail(latest.Error);
    }

    // Reads go through the context's PinnedReads: concurrent verifications share the latest-block read (never one that
    // began before they did) and identical questions at the same block hash; different questions at that block travel
    // together in records calls (CoalescedChecks). The facts stay the chain's at ReadAtBlock. A null query is a batch
    // question whose proof failed: Unknown at the latest block, without asking the registry.
    private async Task<ChainResult<ChainFacts>> FactsAsync((ulong Number, DateTimeOffset Time, string Hash) block, uint departmentId, RecordQuery? query)
    {
        if (query is not { } q)
        {
            return await FactsOfAsync(block, departmentId, null);
        }

        var record = await RecordsAtAsync(block, [q]);
        return record.IsSuccess ? await FactsOfAsync(block, departmentId, record.Value[0]) : ChainResult<ChainFacts>.Fail(record.Error);
    }

    // The records of `queries` at `block`: each answer is kept per block hash, and the questions not answered yet at
    // that block are queued together, so that they leave in the same records call.
    private async Task<ChainResult<StoredRecord[]>> RecordsAtAsync((ulong Number, DateTimeOffset Time, string Hash) block, RecordQuery[] queries)
    {
        var unanswered = new List<(RecordQuery Query, TaskCompletionSource<ChainResult<StoredRecord>> Answer)>();
        var reads = new Task<ChainResult<StoredRecord>>[queries.Length];
        for (int i = 0; i < queries.Length; i++)
        {
            var query = queries[i];
            reads[i] = context.Pinned.AtBlockAsync(block.Hash, $"record:{query.DepartmentId}:{query.Root}:{query.Digest}", () =>
            {
                var answer = new TaskCompletionSource<ChainResult<StoredRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
                unanswered.Add((query, answer));
                return answer.Task;
            });
        }

        if (unanswered.Count > 0)
        {
            var asked = context.Checks.CheckAll(block.Number, block.Hash, unanswered.ConvertAll(u => u.Query));
            for (int i = 0; i < asked.Length; i++)
            {
                var answer = unanswered[i].Answer;
                // The answer is forwarded whatever happens to the question, so no reader of this block waits for ever.
                _ = asked[i].ContinueWith(
                    t => answer.SetResult(t.IsCompletedSuccessfully ? t.Result : ChainResult<StoredRecord>.Fail(ChainError.Unavailable(t.Exception?.GetBaseException().Message ?? "the records call was canceled"))),
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        var records = new StoredRecord[reads.Length];
        for (int i = 0; i < reads.Length; i++)
        {
            var read = await reads[i];
            if (!read.IsSuccess)
            {
                return ChainResult<StoredRecord[]>.Fail(read.Error);
            }

            records[i] = read.Value;
        }

        return ChainResult<StoredRecord[]>.Ok(records);
    }

    private async Task<ChainResult<ChainFacts>> FactsOfAsync((ulong Number, DateTimeOffset Time, string Hash) block, uint departmentId, StoredRecord? stored)
    {
        var r = stored ?? default;
        string? code = null, name = null;
        if (r.DepartmentStatus != DepartmentStatus.None)
        {
            var department = await context.Pinned.AtBlockAsync(block.Hash, $"department:{departmentId}",
                () => context.QueryAsync<DepartmentFunction, DepartmentOutput>(
                    new DepartmentFunction { DepartmentId = departmentId }, new BlockParameter(new HexBigInteger(block.Number))));
            if (!department.IsSuccess)
            {
                return ChainResult<ChainFacts>.Fail(department.Error);
            }

            (code, name) = (department.Value.Department.Code, department.Value.Department.Name);
        }

        return ChainResult<ChainFacts>.Ok(new ChainFacts
        {
            Status = DocumentStatusRule.Derive(r, block.Time),
            DepartmentId = departmentId,
            DepartmentStatus = r.DepartmentStatus,
            AnchoredAt = ChainTime.FromSecondsOrNone(r.AnchoredAt),
            AnchoredBlock = r.AnchoredBlock,
            ValidUntil = ChainTime.FromSecondsOrNone(r.ValidUntil),
            RevocationReason = r.RevocationReason,
            Successor = r.Successor,
            KeyId = r.KeyId,
            KeyCompromisedSince = ChainTime.FromSecondsOrNone(r.KeyCompromisedSince),
            ReadAtBlock = block.Number,
            ReadAtTime = block.Time,
            DepartmentCode = code,
            DepartmentName = name,
            ChainId = context.Options.ChainId,
            Registry = context.Address,
        });
    }

    private static ulong ToChainTime(DateTimeOffset? time) => ChainTime.ToSeconds(time);

    private static List<byte[]> ToList(IReadOnlyList<Digest> proof) => [.. proof.Select(p => p.ToArray())];
}
