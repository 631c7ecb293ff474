using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>The holder's answer 200 to a <see cref="ReleaseReceipt"/>: the release is acknowledged, and its log used up.</summary>
/// <param name="RequestId">The request acknowledged.</param>
/// <param name="ContentDigest">The content digest of the release.</param>
/// <param name="AcknowledgedAt">When the holder first recorded the receipt (a repeated receipt keeps the first time).</param>
public sealed record ReleaseAcknowledgement(Digest RequestId, Digest ContentDigest, DateTimeOffset AcknowledgedAt);
