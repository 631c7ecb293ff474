namespace EthGov.Chain.Transactions;

/// <summary>How to reach the chain and how to send transactions there (section "Chain" of the configuration).</summary>
public sealed class ChainOptions
{
    /// <summary>JSON-RPC endpoint.</summary>
    public Uri RpcUrl { get; set; } = new("http://127.0.0.1:8545");

    /// <summary>The chain id the endpoint must report; transactions are signed for it (EIP-155).</summary>
    public ulong ChainId { get; set; } = DevAccountsChainId;

    /// <summary>Blocks a transaction must be buried under before it counts as confirmed (1 = mined).</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>
    /// A fixed legacy gas price in wei. Null uses the node's EIP-1559 fee suggestion (Hardhat);
    /// 0 suits a Besu network with free gas.
    /// </summary>
    public long? GasPriceWei { get; set; }

    /// <summary>How long to wait for a receipt before reporting the node unavailable.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a sent transaction may wait for its receipt before the sender resynchronises its nonces with the node
    /// and sends it again at the same nonce with raised fees (or unchanged at gas price 0). Dropped transactions and nonce
    /// gaps are found sooner, by asking the node for the sender's own transactions while it waits.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How old the read of the latest block that a verification rests on may be: one that began at most this long
    /// before the question, kept fresh in the background while questions come, and never below a block in which a
    /// transaction was confirmed through the client's <see cref="TransactionConfirmation"/> (so a department sees its
    /// own revocation at once). Zero reads the latest block anew for every question, which makes every answer wait for
    /// the node.
    /// </summary>
    public TimeSpan MaxReadAge { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The chain id of Hardhat's dev chain, the only one on which its well-known keys are accepted.</summary>
    public const ulong DevAccountsChainId = 31337;
}
