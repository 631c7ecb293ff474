using System.Collections.Concurrent;
using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using Nethereum.Contracts;

namespace EthGov.Chain.Registry;

/// <summary>
/// Reads what the chain says about a stated anchoring transaction (a receipt's, or this service's record of one it
/// sent): its receipt, the block holding it, the contract it was sent to, and whether the registry this client reads
/// logged in it the anchoring of the digest or batch root for the department. A transaction buried under
/// <see cref="FinalityDepth"/> blocks is remembered (a reorganisation that deep is not expected); a younger one is read
/// once per block, shared between concurrent verifications, so that a transaction undone by a reorganisation is noticed.
/// </summary>
internal sealed class AnchoringTransactions(RegistryContext context)
{
    /// <summary>Blocks after which an answer is kept for good: the event index's default reorganisation depth.</summary>
    internal const ulong FinalityDepth = 64;

    // Bounded: about 200 bytes an entry; cleared when full, as PinnedReads does per block.
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, AnchoringTransaction> _final = new(StringComparer.Ordinal);

    /// <summary>The chain's answer about <paramref name="hash"/>, read at or after the block <paramref name="latest"/>.</summary>
    public async Task<ChainResult<AnchoringTransaction>> ReadAsync(
        (ulong Number, DateTimeOffset Time, string Hash) latest, Digest hash, uint departmentId, Digest? root, Digest digest)
    {
        var key = $"{hash}:{departmentId}:{root}:{digest}";
        if (_final.TryGetValue(key, out var known))
        {
            return ChainResult<AnchoringTransaction>.Ok(known);
        }

        var read = await context.Pinned.AtBlockAsync(latest.Hash, "tx:" + key, () => ReadNowAsync(hash, departmentId, root, digest));
        if (read.IsSuccess && read.Value.Found && read.Value.BlockNumber + FinalityDepth <= latest.Number)
        {
            if (_final.Count >= MaxRemembered)
            {
                _final.Clear();
            }

            _final[key] = read.Value;
        }

        return read;
    }

    private Task<ChainResult<AnchoringTransaction>> ReadNowAsync(Digest hash, uint departmentId, Digest? root, Digest digest)
        => context.Decoder.RunAsync(async () =>
        {
            var receipt = await context.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash.ToString());
            if (receipt is null)
            {
                return AnchoringTransaction.Missing(hash);
            }

            bool FromRegistry(Nethereum.RPC.Eth.DTOs.FilterLog log) => string.Equals(log.Address, context.Address, StringComparison.OrdinalIgnoreCase);
            var emitted = root is { } r
                ? receipt.DecodeAllEvents<BatchAnchoredEvent>().Any(e => FromRegistry(e.Log) && new Digest(e.Event.Root) == r && e.Event.DepartmentId == departmentId)
                : receipt.DecodeAllEvents<DocumentAnchoredEvent>().Any(e => FromRegistry(e.Log) && new Digest(e.Event.Digest) == digest && e.Event.DepartmentId == departmentId);
            return new AnchoringTransaction(
                hash, true, (ulong)receipt.BlockNumber.Value, Digest.Parse(receipt.BlockHash), receipt.To, receipt.Status?.Value == 1, emitted);
        });
}
