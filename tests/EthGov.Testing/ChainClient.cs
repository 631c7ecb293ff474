namespace EthGov.Testing;

/// <summary>
/// The chain clients the fault tests run against. Hardhat refuses a transaction whose nonce is ahead of the chain and
/// mines every transaction at once; anvil, like geth and Besu, queues such a transaction in its pool and here mines a
/// block every second, so a sender that assumed Hardhat shows its faults there.
/// </summary>
public enum ChainClient
{
    /// <summary>The Hardhat node (automine).</summary>
    Hardhat,

    /// <summary>anvil with one-second blocks.</summary>
    Anvil,
}
