using System.Diagnostics;
using System.Numerics;
using EthGov.Chain.Abi;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace EthGov.Chain.Transactions;

/// <summary>
/// The nonces of one signer: hands them out in order, keeps every transaction sent and not yet seen mined, and repairs
/// the sequence when the node no longer holds what this sender believes it sent.
/// </summary>
/// <remarks>
/// A node under automine (Hardhat) refuses a transaction whose nonce is ahead of the chain, so a stale nonce there fails
/// loudly. geth, Besu and anvil queue such a transaction behind the gap instead, where it waits for ever. Gaps come from a
/// reorganisation that undid mined transactions, a transaction dropped from the pool, or a node restarted with an empty
/// pool. The node's pending count cannot be trusted to show them (anvil keeps counting transactions it dropped), so the
/// checks ask the node for this sender's own transactions by hash:
/// <list type="bullet">
/// <item>the transaction next in line (at the chain's nonce) is unknown to the node: it was dropped;</item>
/// <item>the chain's nonce is below every outstanding transaction and the transaction this sender saw mined there
/// vanished (or, with none remembered, the node's pending count holds nothing there): a gap;</item>
/// <item>a transaction has waited <see cref="ChainOptions.StuckAfter"/> without a receipt.</item>
/// </list>
/// Then it resynchronises: it reads the node's counts and walks the nonces from the chain's upwards. An outstanding
/// transaction the node lost, or one overdue, is sent again at its nonce, with fees raised by
/// <see cref="ReplacementFee"/> (at gas price 0 a transaction cannot be replaced by fee: the same signed bytes are sent
/// again, which a pool that dropped it accepts). A gap below outstanding transactions is filled with a zero-value transfer
/// to the signer itself, so they can be mined without any message being sent twice; a gap with nothing above it is
/// reused by the next message. Every detection and action is logged at Warning.
/// <para>
/// Every nonce this process signs a transaction for is recorded before the transaction leaves. From its first look at
/// the chain on, every count the node reports for the key (read anyway, while waiting and before sending) must stay
/// within what this process signed, and a nonce it waited on must be mined with one of its own transactions. When the
/// chain shows otherwise, another process sends with the key: the sender stops (<see cref="Stopped"/>), logs one line at
/// Error, and sends nothing more, neither messages nor repairs, so it never reuses or skips a nonce because of the other
/// sender. Transactions it already sent are still awaited.
/// </para>
/// <para>
/// With an <see cref="INonceFence"/> (replicas of a node on one database), the process sends only while it holds the
/// replica lease, and reserves each nonce under the lease's epoch before signing at it, repairs included. Another replica
/// sending for the key is then expected: the counts are checked against this process's signing only within one term of
/// the lease, and a new term starts from the chain's counts again.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited and released, so it holds no handle to dispose.")]
internal sealed class SignerNonces(Web3 web3, ChainOptions options, ILogger logger, string address, INonceFence? fence = null)
{
    private const string FillerLabel = "gap filler";

    // Transactions seen mined are remembered by nonce, so a gap left by a reorganisation is recognised by hash.
    private const int MinedKept = 256;

    // Hashes signed per nonce, kept for the nonces a waiter can still ask about.
    private const int SignedKept = 1024;

    // Not yet compared with the chain: the first resynchronisation sets the highest nonce signed to the chain's count - 1.
    private const long Unsynchronised = long.MinValue;

    private static readonly TimeSpan s_checkSpacing = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly SortedDictionary<ulong, SentTransaction> _outstanding = [];
    private readonly SortedDictionary<ulong, string> _mined = [];
    private readonly SortedDictionary<ulong, List<string>> _signed = [];
    private long _next = -1;
    private long _highestSigned = Unsynchronised;
    private SenderStop? _stop;
    private volatile bool _invalidated;
    private long _nextCheck;

    // The lease epoch the nonces were synchronised under (with a fence); a new term resynchronises from the chain.
    private long? _term;

    /// <summary>Why the sender stopped sending, or null while it sends.</summary>
    public SenderStop? Stopped => Volatile.Read(ref _stop);

    /// <summary>
    /// Prepares a transaction with <paramref name="prepare"/> (which estimates gas, so a revert costs no nonce), gives it
    /// the next nonce, signs and sends it. Any failure clears the cached nonce; a stopped sender fails at once.
    /// </summary>
    public async Task<SentTransaction> SendAsync(string label, Func<Task<TransactionInput>> prepare, CancellationToken cancellationToken)
    {
        if (fence is null)
        {
            // With a fence, a stop belongs to the term it happened in: BeginTerm decides.
            ThrowIfStopped();
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            BeginTerm();
            await EnsureNextNonceAsync();
            ThrowIfStopped();
            var input = await prepare();
            ThrowIfStopped();
            await ReserveAsync((ulong)_next, cancellationToken);
            input.Nonce = new HexBigInteger(_next);
            var sent = await SignAndSendAsync(input, label, isFiller: false);
            _next++;
            return sent;
        }
        catch
        {
            // After any failure the node's view of our nonces is the truth.
            _invalidated = true;
            throw;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Called while a receipt is awaited: at most every half second (for all waiters together) it looks for a dropped
    /// transaction, a gap or an overdue receipt, and resynchronises when it finds one.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        long now = Stopwatch.GetTimestamp();
        long due = Interlocked.Read(ref _nextCheck);
        if (now < due || Interlocked.CompareExchange(ref _nextCheck, now + (long)(s_checkSpacing.TotalSeconds * Stopwatch.Frequency), due) != due)
        {
            return;
        }

        var latest = await CountAsync(BlockParameter.CreateLatest());
        var waiting = Outstanding(forgetBelow: latest);
        if (waiting.Count == 0 || Stopped is not null || !InTerm())
        {
            // Stopped, or another replica holds the lease: no repair signs anything; the waiters still learn whether
            // their nonce was passed.
            return;
        }

        string? reason = null;
        bool trustPendingCount = true;
        var first = waiting[0];
        if (first.Nonce == latest)
        {
            if (!await KnownAsync(first.Hashes))
            {
                reason = $"{first.Hash} at nonce {first.Nonce}, next in line, is unknown to the node";
            }
        }
        else if (MinedAt(latest) is { } vanished)
        {
            if (!await KnownAsync([vanished]))
            {
                reason = $"{vanished}, mined at nonce {latest}, is no longer on chain";
            }
        }
        else if (await CountAsync(BlockParameter.CreatePending()) <= latest)
        {
            reason = $"the node holds no transaction at nonce {latest}";
        }

        if (reason is null && waiting.FirstOrDefault(Overdue) is { } late)
        {
            reason = $"no receipt for {late.Hash} at nonce {late.Nonce} after {options.StuckAfter}";
            trustPendingCount = false;
        }

        if (reason is null)
        {
            return;
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await ResynchroniseAsync(reason, trustPendingCount);
        }
        catch
        {
            _invalidated = true;
            throw;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Records that <paramref name="sent"/> was mined as <paramref name="minedHash"/>.</summary>
    public void Settle(SentTransaction sent, string minedHash)
    {
        lock (_gate)
        {
            if (_outstanding.TryGetValue(sent.Nonce, out var current) && current == sent)
            {
                _outstanding.Remove(sent.Nonce);
            }

            _mined[sent.Nonce] = minedHash;
            while (_mined.Count > MinedKept)
            {
                _mined.Remove(_mined.Keys.First());
            }
        }
    }

    /// <summary>Stops tracking <paramref name="sent"/>, whose waiter gave up, and clears the cached nonce.</summary>
    public void Abandon(SentTransaction sent)
    {
        lock (_gate)
        {
            if (_outstanding.TryGetValue(sent.Nonce, out var current) && current == sent)
            {
                _outstanding.Remove(sent.Nonce);
            }
        }

        _invalidated = true;
    }

    /// <summary>Logs that no receipt came for <paramref name="sent"/> within the receipt timeout.</summary>
    public void ReportTimeout(SentTransaction sent)
        => SenderLog.ReceiptTimedOut(logger, address, sent.Label, sent.Nonce, string.Join(", ", sent.Hashes), options.ReceiptTimeout);

    /// <summary>
    /// Called when the chain passed the nonce of <paramref name="sent"/> and none of its hashes was mined: another
    /// transaction this process signed at that nonce (an earlier attempt whose answer was lost) may have been; if none
    /// was, another process used the nonce and the sender stops. Returns the error the send fails with.
    /// </summary>
    public async Task<ChainError> TakenAsync(SentTransaction sent)
    {
        List<string> earlier;
        lock (_gate)
        {
            earlier = _signed.TryGetValue(sent.Nonce, out var hashes) ? [.. hashes.Except(sent.Hashes, StringComparer.OrdinalIgnoreCase)] : [];
        }

        foreach (var hash in earlier)
        {
            if (await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash) is not null)
            {
                SenderLog.NonceTaken(logger, address, sent.Nonce, sent.Label, string.Join(", ", sent.Hashes), hash);
                return ChainError.Rejected($"nonce {sent.Nonce} was used by this sender's earlier transaction {hash}, not by {string.Join(", ", sent.Hashes)}");
            }
        }

        if (!InTerm())
        {
            // Sent in an earlier term of the lease: the replica that holds it now used the nonce, which is no reason to stop.
            return FencedOut.Error(address, $"nonce {sent.Nonce} was used by the replica holding the lease, not by {string.Join(", ", sent.Hashes)}");
        }

        Stop(sent.Nonce, $"nonce {sent.Nonce} was mined with a transaction this process did not sign (it sent {sent.Label} there as {string.Join(", ", sent.Hashes)})");
        return Stopped!.ToError();
    }

    private async Task EnsureNextNonceAsync()
    {
        if (_invalidated || _next < 0)
        {
            _invalidated = false;
            await ResynchroniseAsync(reason: null, trustPendingCount: true);
            return;
        }

        bool idle;
        lock (_gate)
        {
            idle = _outstanding.Count == 0;
        }

        // With nothing outstanding one count tells whether a reorganisation or a restarted node took nonces back.
        if (idle && await CountAsync(BlockParameter.CreatePending()) != (ulong)_next)
        {
            await ResynchroniseAsync(reason: null, trustPendingCount: true);
        }
    }

    /// <summary>Walks the nonces from the chain's up; the send lock is held.</summary>
    private async Task ResynchroniseAsync(string? reason, bool trustPendingCount)
    {
        var latest = await CountAsync(BlockParameter.CreateLatest());
        var pending = await CountAsync(BlockParameter.CreatePending());
        // The first look: what the chain and the pool hold now came before this process (an earlier run's pending ones too).
        Interlocked.CompareExchange(ref _highestSigned, (long)Math.Max(latest, pending) - 1, Unsynchronised);

        if (Stopped is not null)
        {
            return;
        }

        var waiting = Outstanding(forgetBelow: latest);
        if (reason is not null)
        {
            SenderLog.GapDetected(logger, address, reason, latest, pending, Describe(waiting));
        }

        ulong top = new[] { latest, pending, _next < 0 ? 0 : (ulong)_next, waiting.Count == 0 ? 0 : waiting[^1].Nonce + 1 }.Max();
        var byNonce = waiting.ToDictionary(t => t.Nonce);
        for (ulong nonce = latest; nonce < top; nonce++)
        {
            if (byNonce.TryGetValue(nonce, out var sent))
            {
                bool known = await KnownAsync(sent.Hashes);
                if ((!known || Overdue(sent)) && !await SendAgainAsync(sent, known))
                {
                    return;
                }

                continue;
            }

            bool occupied = MinedAt(nonce) is { } mined ? await KnownAsync([mined]) : trustPendingCount && nonce < pending;
            if (occupied)
            {
                continue;
            }

            if (waiting.Any(t => t.Nonce > nonce))
            {
                if (!await FillAsync(nonce, waiting))
                {
                    return;
                }

                continue;
            }

            SetNext(nonce, latest, pending);
            return;
        }

        SetNext(top, latest, pending);
    }

    private void SetNext(ulong next, ulong latest, ulong pending)
    {
        if (_next >= 0 && next < (ulong)_next)
        {
            SenderLog.NonceReused(logger, address, _next, next, latest, pending);
        }
        else if (_next >= 0 && next > (ulong)_next)
        {
            SenderLog.NonceAdvanced(logger, address, _next, next, latest, pending);
        }

        _next = (long)next;
    }

    /// <summary>Sends <paramref name="sent"/> again at its nonce: with raised fees, or unchanged at gas price 0.</summary>
    private async Task<bool> SendAgainAsync(SentTransaction sent, bool known)
    {
        var why = known ? $"waited {options.StuckAfter} without a receipt" : "was dropped by the node";
        try
        {
            if (ReplacementFee.IsFree(sent.Input))
            {
                if (known)
                {
                    // The node still holds it: nothing would replace it, so say so once per StuckAfter.
                    sent.Resent(DateTimeOffset.UtcNow);
                    SenderLog.WaitingAtZeroPrice(logger, address, sent.Label, sent.Nonce, options.StuckAfter, sent.Hash);
                    return true;
                }

                // The same signed bytes: a pool that dropped them takes them back.
                await web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(sent.Raw);
                sent.Resent(DateTimeOffset.UtcNow);
                SenderLog.ResentUnchanged(logger, address, sent.Label, sent.Nonce, why, sent.Hash);
                return true;
            }

            if (!await TryReserveAsync(sent.Nonce, "send again"))
            {
                return false;
            }

            var raised = await RaiseFeesAsync(sent.Input);
            var raw = (await web3.TransactionManager.SignTransactionAsync(raised)).EnsureHexPrefix();
            var hash = HashOf(raw);
            Signed(sent.Nonce, hash);
            var oldHash = sent.Hash;
            await web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw);
            var oldFee = ReplacementFee.Describe(sent.Input);
            sent.Replace(raised, raw, hash, DateTimeOffset.UtcNow);
            SenderLog.Replaced(logger, address, sent.Label, sent.Nonce, why, oldHash, hash, oldFee, ReplacementFee.Describe(raised));
            return true;
        }
        catch (RpcResponseException ex)
        {
            SenderLog.ActionFailed(logger, address, sent.Nonce, "send again", ex.RpcError?.Message ?? ex.Message);
            _invalidated = true;
            return false;
        }
    }

    /// <summary>Fills <paramref name="nonce"/> with a zero-value transfer to the signer, so the transactions above it can be mined.</summary>
    private async Task<bool> FillAsync(ulong nonce, IReadOnlyList<SentTransaction> waiting)
    {
        var input = new TransactionInput
        {
            From = address,
            To = address,
            Value = new HexBigInteger(0),
            Gas = new HexBigInteger(21_000),
            Nonce = new HexBigInteger(nonce),
        };
        if (options.GasPriceWei is { } price)
        {
            input.GasPrice = new HexBigInteger(price);
        }

        try
        {
            if (!await TryReserveAsync(nonce, "fill the gap"))
            {
                return false;
            }

            var filler = await SignAndSendAsync(input, FillerLabel, isFiller: true);
            SenderLog.GapFilled(logger, address, nonce, Describe(waiting.Where(t => t.Nonce > nonce)), filler.Hash);
            return true;
        }
        catch (RpcResponseException ex)
        {
            SenderLog.ActionFailed(logger, address, nonce, "fill the gap", ex.RpcError?.Message ?? ex.Message);
            _invalidated = true;
            return false;
        }
    }

    private async Task<TransactionInput> RaiseFeesAsync(TransactionInput input)
    {
        if (ReplacementFee.IsLegacy(input))
        {
            // A fixed gas price is the operator's floor; without one the node's current price is.
            BigInteger floor = options.GasPriceWei is { } price ? price : (await web3.Eth.GasPrice.SendRequestAsync()).Value;
            return ReplacementFee.Raise(input, floor, null, null);
        }

        var suggested = await web3.TransactionManager.Fee1559SuggestionStrategy.SuggestFeeAsync();
        return ReplacementFee.Raise(input, null, suggested.MaxFeePerGas, suggested.MaxPriorityFeePerGas);
    }

    private async Task<SentTransaction> SignAndSendAsync(TransactionInput input, string label, bool isFiller)
    {
        var raw = (await web3.TransactionManager.SignTransactionAsync(input)).EnsureHexPrefix();
        var hash = HashOf(raw);

        // Recorded before it leaves: a send whose answer is lost may still reach the chain, and must count as ours.
        Signed((ulong)input.Nonce.Value, hash);
        await web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw);
        var sent = new SentTransaction((ulong)input.Nonce.Value, label, input, raw, hash, DateTimeOffset.UtcNow, isFiller);
        lock (_gate)
        {
            _outstanding[sent.Nonce] = sent;
        }

        return sent;
    }

    /// <summary>The outstanding transactions in nonce order, after forgetting those below <paramref name="forgetBelow"/> (mined).</summary>
    private List<SentTransaction> Outstanding(ulong forgetBelow)
    {
        lock (_gate)
        {
            foreach (var nonce in _outstanding.Keys.TakeWhile(n => n < forgetBelow).ToList())
            {
                // Its waiter reads the receipt, or learns that another transaction took the nonce.
                _outstanding[nonce].Passed = true;
                _outstanding.Remove(nonce);
            }

            return [.. _outstanding.Values];
        }
    }

    private string? MinedAt(ulong nonce)
    {
        lock (_gate)
        {
            return _mined.GetValueOrDefault(nonce);
        }
    }

    private bool Overdue(SentTransaction sent) => DateTimeOffset.UtcNow - sent.SentAt > options.StuckAfter;

    private async Task<bool> KnownAsync(IEnumerable<string> hashes)
    {
        foreach (var hash in hashes)
        {
            if (await web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(hash) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The node's transaction count for the key at <paramref name="block"/>, checked against what this process signed.</summary>
    private async Task<ulong> CountAsync(BlockParameter block)
    {
        var count = (ulong)(await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, block)).Value;
        Observe(count, block.ParameterType == BlockParameter.BlockParameterType.pending ? "pending" : "latest");
        return count;
    }

    // Read after the count came back: anything this process sent before the node counted it was recorded before it left.
    private void Observe(ulong count, string which)
    {
        long highest = Interlocked.Read(ref _highestSigned);
        if (highest != Unsynchronised && (long)count > highest + 1 && InTerm())
        {
            Stop((ulong)(highest + 1), $"the node's {which} transaction count for the key is {count}, but this process signed nothing at nonce {highest + 1}");
        }
    }

    private void Signed(ulong nonce, string hash)
    {
        lock (_gate)
        {
            if (!_signed.TryGetValue(nonce, out var hashes))
            {
                _signed[nonce] = hashes = [];
            }

            hashes.Add(hash);
            while (_signed.Count > SignedKept)
            {
                _signed.Remove(_signed.Keys.First());
            }
        }

        long seen;
        do
        {
            seen = Interlocked.Read(ref _highestSigned);
        }
        while ((long)nonce > seen && Interlocked.CompareExchange(ref _highestSigned, (long)nonce, seen) != seen);
    }

    private void Stop(ulong nonce, string reason)
    {
        if (Interlocked.CompareExchange(ref _stop, new SenderStop(address, nonce, reason, DateTimeOffset.UtcNow), null) is null)
        {
            SenderLog.Stopped(logger, address, reason);
        }
    }

    /// <summary>
    /// With a fence: fails unless this process holds the lease, and starts afresh when the term is not the one the nonces
    /// were synchronised under (another replica may have sent for the key in between). The send lock is held.
    /// </summary>
    private void BeginTerm()
    {
        if (fence is null)
        {
            return;
        }

        if (fence.Term is not { } term)
        {
            throw new ChainOperationException(FencedOut.Error(address, "this replica does not hold the lease"));
        }

        if (_term != term)
        {
            _term = term;
            _next = -1;
            Volatile.Write(ref _stop, null);
            Interlocked.Exchange(ref _highestSigned, Unsynchronised);
        }
    }

    // Whether this process signs in the term its nonces were synchronised under (always, without a fence).
    private bool InTerm() => fence is null || (fence.Term is { } term && term == _term);

    private async Task ReserveAsync(ulong nonce, CancellationToken cancellationToken)
    {
        if (fence is not null && (_term is not { } term || !await fence.ReserveAsync(term, address, nonce, cancellationToken)))
        {
            throw new ChainOperationException(FencedOut.Error(address, $"the reservation of nonce {nonce} under lease epoch {_term} was refused"));
        }
    }

    // For repairs, which report a refusal instead of throwing.
    private async Task<bool> TryReserveAsync(ulong nonce, string action)
    {
        try
        {
            await ReserveAsync(nonce, CancellationToken.None);
            return true;
        }
        catch (ChainOperationException ex)
        {
            SenderLog.ActionFailed(logger, address, nonce, action, ex.Error.Message);
            _invalidated = true;
            return false;
        }
    }

    private void ThrowIfStopped()
    {
        if (Stopped is { } stop)
        {
            throw new ChainOperationException(stop.ToError());
        }
    }

    private static string HashOf(string raw) => "0x" + Sha3Keccack.Current.CalculateHashFromHex(raw);

    private static string Describe(IEnumerable<SentTransaction> transactions)
        => string.Join(", ", transactions.Select(t => $"{t.Nonce} {t.Label} {t.Hash}"));
}
