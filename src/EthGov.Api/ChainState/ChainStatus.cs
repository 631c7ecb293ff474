using System.Diagnostics.Metrics;
using EthGov.Chain.Abi;
using EthGov.Chain.Blocks;
using EthGov.Core.Telemetry;

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

    private static readonly Gauge<double> s_blockAge = EthGovTelemetry.Meter.CreateGauge<double>(
        "ethgov.chain.block.age", "s", "Age of the latest block the node has seen, by its timestamp, as of the indexer's last poll: it grows while the chain makes no blocks or cannot be read");

    private volatile string? _reset;
    private volatile BlockHeader? _latest;

    /// <summary>Why the chain is considered reset, or null when it is the deployment's chain.</summary>
    public string? ResetDetected => _reset;

    /// <summary>The last block the index has read.</summary>
    public ulong IndexedBlock { get; set; }

    /// <summary>The last indexing error, when the chain could not be read.</summary>
    public string? LastError { get; set; }

    /// <summary>The number of the latest block seen, when one was.</summary>
    public ulong? LatestBlockNumber => _latest?.Number;

    /// <summary>Records that <paramref name="block"/> is the chain's latest.</summary>
    public void SawLatestBlock(BlockHeader block) => _latest = block;

    /// <summary>Reports the age of the latest block seen at <paramref name="now"/> (nothing before one was seen).</summary>
    public void RecordBlockAge(DateTimeOffset now)
    {
        if (_latest is { } latest)
        {
            s_blockAge.Record(Math.Max(0, (now - latest.Time).TotalSeconds));
        }
    }

    /// <summary>Records a reset.</summary>
    public void MarkReset(string reason) => _reset = reason;

    /// <summary>Clears the reset once the chain matches the deployment again.</summary>
    public void ClearReset() => _reset = null;

    /// <summary>The chain error reported while the chain is reset.</summary>
    public static ChainError ResetError(string reason)
        => new(ChainErrorKind.Unavailable, ResetErrorName, new Dictionary<string, object?>(), reason);
}
