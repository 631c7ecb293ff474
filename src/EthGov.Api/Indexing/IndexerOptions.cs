namespace EthGov.Api.Indexing;

/// <summary>How the event indexer follows the chain (section "EthGov:Indexer").</summary>
public sealed class IndexerOptions
{
    /// <summary>Pause between two reads of new blocks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most blocks read by one eth_getLogs call.</summary>
    public int BlocksPerRead { get; set; } = 2_000;

    /// <summary>How many blocks are re-read when the last indexed block's hash changed (a reorganisation).</summary>
    public int ReorgDepth { get; set; } = 64;
}
