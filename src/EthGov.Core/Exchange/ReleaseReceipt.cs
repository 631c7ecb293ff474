using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// One entry of <see cref="ReleaseReceipts"/>: the grantee acknowledges a release after it opened it and checked its
/// content; from then on the holder refuses the same access entry as <c>log-reused</c>.
/// </summary>
/// <param name="RequestId">The request acknowledged.</param>
/// <param name="ContentDigest">SHA-256 of the content the grantee opened.</param>
public sealed record ReleaseReceipt(Digest RequestId, Digest ContentDigest);
