using System.Collections.Concurrent;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using Nethereum.Contracts;

namespace EthGov.Chain.Registry;

/// <summary>
/// Reads what the chain says about a stated anchoring transaction (a receipt's, or this service's record of one it
/// sent): its receipt, the block holding it, the contract it was sent to, and whether the registry this client reads
/// logged in it the anchoring of the digest or batch root for the department. The receipt is read once per transaction
/// and block, so the documents of one batch share it; a transaction buried under <see cref="FinalityDepth"/> blocks is
/// remembered (a reorganisation that deep is not expected), a younger one is read again at a new block, so that a
/// transaction undone by a reorganisation is noticed.
/// </summary>
internal sealed class AnchoringTransactions(RegistryContext context)
{
    /// <summary>Blocks after which an answer is kept for good: the event index's default reorganisation depth.</summary>
    internal const ulong FinalityDepth = 64;

    // Bounded: a few hundred bytes a transaction (its anchorings); cleared when full, as PinnedReads does per block.
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<Digest, Mined> _final = new();

    /// <summary>The chain's answer about <paramref name="hash"/>, read at or after the block <paramref name="latest"/>.</summary>
    public async Task<ChainResult<AnchoringTransaction>> ReadAsync(
        (ulong Number, DateTimeOffset Time, string Hash) latest, Digest hash, uint departmentId, Digest? root, Digest digest)
    {
        if (!_final.TryGetValue(hash, out var mined))
        {
            var read = await context.Pinned.AtBlockAsync(latest.Hash, $"tx:{hash}", () => ReadNowAsync(hash));
            if (!read.IsSuccess)
            {
                return ChainResult<AnchoringTransaction>.Fail(read.Error);
            }

            if (read.Value is not { } found)
            {
                return ChainResult<AnchoringTransaction>.Ok(AnchoringTransaction.Missing(hash));
            }

            mined = found;
            if (mined.BlockNumber + FinalityDepth <= latest.Number)
            {
                if (_final.Count >= MaxRemembered)
                {
                    _final.Clear();
                }

                _final[hash] = mined;
            }
        }

        var anchored = mined.Anchorings.Contains((root is not null, root ?? digest, departmentId));
        return ChainResult<AnchoringTransaction>.Ok(new AnchoringTransaction(hash, true, mined.BlockNumber, mined.BlockHash, mined.To, mined.Succeeded, anchored));
    }

    // The transaction's receipt, reduced to what verification compares; null when the chain has none.
    private Task<ChainResult<Mined?>> ReadNowAsync(Digest hash)
        => context.Decoder.RunAsync(async () =>
        {
            var receipt = await context.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash.ToString());
            if (receipt is null)
            {
                return (Mined?)null;
            }

            bool FromRegistry(Nethereum.RPC.Eth.DTOs.FilterLog log) => string.Equals(log.Address, context.Address, StringComparison.OrdinalIgnoreCase);
            var anchorings = receipt.DecodeAllEvents<BatchAnchoredEvent>().Where(e => FromRegistry(e.Log))
                .Select(e => (Batch: true, Value: new Digest(e.Event.Root), e.Event.DepartmentId))
                .Concat(receipt.DecodeAllEvents<DocumentAnchoredEvent>().Where(e => FromRegistry(e.Log))
                    .Select(e => (Batch: false, Value: new Digest(e.Event.Digest), e.Event.DepartmentId)))
                .ToHashSet();
            return new Mined((ulong)receipt.BlockNumber.Value, Digest.Parse(receipt.BlockHash), receipt.To, receipt.Status?.Value == 1, anchorings);
        });

    // A mined transaction: where, to whom, whether it succeeded, and the anchorings (batch or single, value, department) the registry logged in it.
    private sealed record Mined(ulong BlockNumber, Digest BlockHash, string? To, bool Succeeded, HashSet<(bool Batch, Digest Value, uint DepartmentId)> Anchorings);
}
