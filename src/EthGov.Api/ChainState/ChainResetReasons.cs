namespace EthGov.Api.ChainState;

/// <summary>
/// Why the indexer holds the chain for reset (<see cref="ChainStatus.MarkReset"/>): fixed sentences, so the API can
/// answer each in the caller's language (<see cref="Problems.ChainTexts"/>) while logs and readiness keep the English.
/// </summary>
public static class ChainResetReasons
{
    /// <summary>The chain's genesis block is not the deployment's.</summary>
    public const string GenesisDiffers = "the chain was reset: its genesis block differs from the deployment's; redeploy and re-anchor the outbox (see docs)";

    /// <summary>The index tables were filled from another chain.</summary>
    public const string IndexFromAnotherChain = "the index was built on another chain; remove the index tables or use a fresh data directory";
}
