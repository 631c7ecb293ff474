using Microsoft.Extensions.Logging;

namespace EthGov.Chain.Transactions;

/// <summary>
/// What <see cref="TransactionSender"/> reports: each nonce gap it detects and each action it takes, at Warning, and that
/// it stopped because another process sends with its key, at Error, with the signer's address, nonces and transaction
/// hashes (never keys or signed bytes).
/// </summary>
internal static partial class SenderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "signer {Signer}: nonce gap detected ({Reason}); node's latest count {Latest}, pending count {Pending}; outstanding nonces [{Outstanding}]")]
    public static partial void GapDetected(ILogger logger, string signer, string reason, ulong latest, ulong pending, string outstanding);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "signer {Signer}: next nonce {Cached} resynchronised to {Next}: the node holds no transaction of this signer from nonce {Next} on (undone by a reorganisation, dropped, or lost in a restart), so the next transaction reuses it (node's latest count {Latest}, pending count {Pending})")]
    public static partial void NonceReused(ILogger logger, string signer, long cached, ulong next, ulong latest, ulong pending);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "signer {Signer}: next nonce {Cached} resynchronised to {Next}: the node holds transactions this sender signed earlier up to there (taken back by a reorganisation and mined again) (node's latest count {Latest}, pending count {Pending})")]
    public static partial void NonceAdvanced(ILogger logger, string signer, long cached, ulong next, ulong latest, ulong pending);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "signer {Signer}: {Label} at nonce {Nonce} {Why}: replaced {OldHash} by {NewHash}, {OldFee} raised to {NewFee}")]
    public static partial void Replaced(ILogger logger, string signer, string label, ulong nonce, string why, string oldHash, string newHash, string oldFee, string newFee);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "signer {Signer}: {Label} at nonce {Nonce} {Why}: sent {Hash} again unchanged (at gas price 0 a transaction cannot be replaced by fee)")]
    public static partial void ResentUnchanged(ILogger logger, string signer, string label, ulong nonce, string why, string hash);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "signer {Signer}: the node holds no transaction at nonce {Nonce} below outstanding nonces [{Outstanding}]; filled it with a zero-value transfer to the signer, {Hash}, so they can be mined")]
    public static partial void GapFilled(ILogger logger, string signer, ulong nonce, string outstanding, string hash);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "signer {Signer}: could not send at nonce {Nonce} ({Action}): {Error}; the next check tries again")]
    public static partial void ActionFailed(ILogger logger, string signer, ulong nonce, string action, string error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "signer {Signer}: no receipt for {Label} at nonce {Nonce} (hashes {Hashes}) after {Timeout}; the nonce cache is cleared")]
    public static partial void ReceiptTimedOut(ILogger logger, string signer, string label, ulong nonce, string hashes, TimeSpan timeout);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning,
        Message = "signer {Signer}: nonce {Nonce} was mined with this sender's earlier transaction {Mined}, not with {Label} ({Hashes})")]
    public static partial void NonceTaken(ILogger logger, string signer, ulong nonce, string label, string hashes, string mined);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning,
        Message = "signer {Signer}: {Label} at nonce {Nonce} has waited {StuckAfter} without a receipt; the node still holds {Hash}, which at gas price 0 cannot be replaced by fee")]
    public static partial void WaitingAtZeroPrice(ILogger logger, string signer, string label, ulong nonce, TimeSpan stuckAfter, string hash);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error,
        Message = "signer {Signer} stopped sending: {Reason}, so another process sends with this key; nothing more is sent with it until this process restarts (no nonce is reused or skipped), and its work waits; stop the other sender, then restart this one")]
    public static partial void Stopped(ILogger logger, string signer, string reason);
}
