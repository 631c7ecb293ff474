using EthGov.Chain.Abi;

namespace EthGov.Chain.Transactions;

/// <summary>
/// Why a <see cref="TransactionSender"/> stopped sending: the chain showed a nonce of its key used by a transaction this
/// process never signed, so another process sends with the key. From then on it sends nothing (a nonce it handed out
/// could collide with the other sender's, and moving past theirs would skip or reuse one), and every send fails with
/// <see cref="ToError"/> until the process is restarted.
/// </summary>
/// <param name="Signer">The key's address.</param>
/// <param name="Nonce">The first nonce this process did not use itself.</param>
/// <param name="Reason">What the chain showed, in one sentence.</param>
/// <param name="StoppedAt">When the sender stopped.</param>
public sealed record SenderStop(string Signer, ulong Nonce, string Reason, DateTimeOffset StoppedAt)
{
    /// <summary>The name of the <see cref="ChainError"/> a stopped sender fails with.</summary>
    public const string ErrorName = "SenderStopped";

    /// <summary>The failure every send returns once stopped (retryable: the work waits for a restart).</summary>
    public ChainError ToError() => new(ChainErrorKind.Unavailable, ErrorName, new Dictionary<string, object?> { ["signer"] = Signer, ["nonce"] = Nonce },
        $"signer {Signer} stopped sending: {Reason}; another process sends with this key");
}
