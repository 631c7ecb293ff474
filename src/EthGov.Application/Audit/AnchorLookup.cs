using EthGov.Application.Verification;
using EthGov.Chain.Abi;
using EthGov.Core.Digests;

namespace EthGov.Application.Audit;

/// <summary>
/// How an audit learns whether <paramref name="digest"/> is anchored by <paramref name="department"/>: the chain alone for
/// a single anchor (<see cref="ChainVerifier"/>), or with a batch proof from the issuer's node (<see cref="NetworkVerifier"/>).
/// </summary>
public delegate Task<ChainResult<VerificationReport>> AnchorLookup(Digest digest, uint department, CancellationToken cancellationToken);
