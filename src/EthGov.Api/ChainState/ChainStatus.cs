using EthGov.Chain.Abi;

namespace EthGov.Api.ChainState;

/// <summary>
/// What the indexer last learned about the chain as a whole: whether it was reset under the deployment (another
/// genesis) and how far the index has read. Readiness and the verifier consult it so a wiped chain is reported,
/// not answered from.
/// </summary>
public sealed class ChainStatus
{
    /// <summary>The error name used for answers refused because the chain was reset.</summary>
    public const string ResetErrorName = "ChainReset";

    private volatile string? _reset;

    /// <summary>Why the chain is considered reset, or null when it is the deployment's chain.</summary>
    public string? ResetDetected => _reset;

    /// <summary>The last block the index has read.</summary>
    public ulong IndexedBlock { get; set; }

    /// <summary>The last indexing error, when the chain could not be read.</summary>
    public string? LastError { get; set; }

    /// <summary>Records a reset.</summary>
    public void MarkReset(string reason) => _reset = reason;

    /// <summary>Clears the reset once the chain matches the deployment again.</summary>
    public void ClearReset() => _reset = null;

    /// <summary>The chain error reported while the chain is reset.</summary>
    public static ChainError ResetError(string reason)
        => new(ChainErrorKind.Unavailable, ResetErrorName, new Dictionary<string, object?>(), reason);
}
