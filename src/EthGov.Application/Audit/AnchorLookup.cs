using EthGov.Application.Verification;
using EthGov.Chain.Abi;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Application.Audit;

/// <summary>
/// How an audit learns whether <paramref name="digest"/> is anchored by <paramref name="department"/>: through the batch
/// <paramref name="proof"/> the evidence states, read on chain (<see cref="ChainVerifier"/>), or without one the chain
/// alone for a single anchor, or a batch proof from the issuer's node (<see cref="NetworkVerifier"/>).
/// </summary>
public delegate Task<ChainResult<VerificationReport>> AnchorLookup(Digest digest, uint department, StatedProof? proof, CancellationToken cancellationToken);
