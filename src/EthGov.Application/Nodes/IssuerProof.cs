using EthGov.Core.Verification;

namespace EthGov.Application.Nodes;

/// <summary>What asking issuer nodes for a digest's batch proof gave: a proof to check on chain, or why there is none.</summary>
public sealed record IssuerProof
{
    /// <summary>The department whose node gave <see cref="Proof"/>.</summary>
    public uint DepartmentId { get; init; }

    /// <summary>The proof, when a node gave a usable one.</summary>
    public StatedProof? Proof { get; init; }

    /// <summary>When no node gave a usable proof: what they answered.</summary>
    public ProofLookupFailure? Failure { get; init; }
}
