namespace EthGov.Chain.Blocks;

/// <summary>A block as EthGov needs it: where it stands, which block it is, and when it was made.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash, <c>0x</c> + 64 hex digits as the node writes it.</param>
/// <param name="Time">The block's timestamp.</param>
public sealed record BlockHeader(ulong Number, string Hash, DateTimeOffset Time);
