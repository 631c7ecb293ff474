using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The body of <c>POST /api/v1/node/releases/{requestId}/receipt</c>: the grantee acknowledges a release after it
/// opened it and checked its content; from then on the holder refuses the same access entry as <c>log-reused</c>.
/// </summary>
/// <param name="RequestId">The request acknowledged (also in the path).</param>
/// <param name="ContentDigest">SHA-256 of the content the grantee opened.</param>
public sealed record ReleaseReceipt(Digest RequestId, Digest ContentDigest);
