namespace EthGov.Core.Verification;

/// <summary>
/// Issuer nodes were asked for a digest's batch proof and none gave one the verifier could use.
/// </summary>
/// <param name="Unreachable">
/// True when an asked node did not answer in time or could not be reached: the document may well be anchored in a batch
/// the verifier cannot see now. False when every asked node answered and none had a usable proof (it knew nothing, or
/// its answer was for another document, another registry or another issuer, and was set aside).
/// </param>
/// <param name="Detail">What each node answered, in words.</param>
public sealed record ProofLookupFailure(bool Unreachable, string Detail);
