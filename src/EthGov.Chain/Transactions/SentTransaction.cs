using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Transactions;

/// <summary>
/// A transaction a <see cref="TransactionSender"/> signed and sent and has not yet seen mined: its nonce, what it
/// carries, when it was last sent, and every hash sent at its nonce (a replacement has a new hash, and either may be
/// the one that is mined).
/// </summary>
internal sealed class SentTransaction
{
    private readonly Lock _gate = new();
    private readonly List<string> _hashes;
    private volatile bool _passed;

    public SentTransaction(ulong nonce, string label, TransactionInput input, string raw, string hash, DateTimeOffset sentAt, bool isFiller)
    {
        Nonce = nonce;
        Label = label;
        Input = input;
        Raw = raw;
        _hashes = [hash];
        SentAt = sentAt;
        IsFiller = isFiller;
    }

    /// <summary>The nonce; never changes, replacements keep it.</summary>
    public ulong Nonce { get; }

    /// <summary>What the transaction does, for the log (the function message's name, or "gap filler").</summary>
    public string Label { get; }

    /// <summary>A zero-value transfer to the signer itself that only fills a nonce nobody waits for.</summary>
    public bool IsFiller { get; }

    /// <summary>The transaction as last signed, fees included.</summary>
    public TransactionInput Input { get; private set; }

    /// <summary>The last signed transaction, hex.</summary>
    public string Raw { get; private set; }

    /// <summary>The hash of the last signed transaction.</summary>
    public string Hash
    {
        get
        {
            lock (_gate)
            {
                return _hashes[^1];
            }
        }
    }

    /// <summary>Every hash sent at this nonce, oldest first.</summary>
    public IReadOnlyList<string> Hashes
    {
        get
        {
            lock (_gate)
            {
                return [.. _hashes];
            }
        }
    }

    /// <summary>When the transaction was last sent to the node.</summary>
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>Set when the chain's nonce went past this one: one of <see cref="Hashes"/> was mined, or another transaction was.</summary>
    public bool Passed
    {
        get => _passed;
        set => _passed = value;
    }

    /// <summary>Records a replacement signed with new fees.</summary>
    public void Replace(TransactionInput input, string raw, string hash, DateTimeOffset sentAt)
    {
        lock (_gate)
        {
            Input = input;
            Raw = raw;
            _hashes.Add(hash);
            SentAt = sentAt;
        }
    }

    /// <summary>Records that the same signed transaction was sent again.</summary>
    public void Resent(DateTimeOffset sentAt)
    {
        lock (_gate)
        {
            SentAt = sentAt;
        }
    }
}
