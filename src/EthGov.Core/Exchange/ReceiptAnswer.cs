using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>The holder's answer to one <see cref="ReleaseReceipt"/>.</summary>
/// <param name="RequestId">The request the receipt named.</param>
/// <param name="Outcome"><see cref="Acknowledged"/>, <see cref="NotFound"/> or <see cref="ContentMismatch"/>.</param>
/// <param name="AcknowledgedAt">When the holder first recorded the receipt (a repeated receipt keeps the first time); set when acknowledged.</param>
/// <param name="Detail">Why the receipt is not recorded; null when it is.</param>
public sealed record ReceiptAnswer(Digest RequestId, string Outcome, DateTimeOffset? AcknowledgedAt, string? Detail)
{
    /// <summary>The release is acknowledged and its log used up.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>The holder department gave the sender no release of that request.</summary>
    public const string NotFound = "release-not-found";

    /// <summary>The receipt names content other than what was released.</summary>
    public const string ContentMismatch = "content-mismatch";

    /// <summary>Whether the receipt is recorded.</summary>
    public bool IsAcknowledged => Outcome == Acknowledged;
}
