namespace EthGov.Application.Exchange.Holder;

/// <summary>Settings of the holder side of the exchange (section <c>EthGov:Exchange</c>).</summary>
public sealed class ExchangeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:Exchange";

    /// <summary>
    /// Blocks that must follow the block of an access-log batch before the holder releases on it (default 1): the log
    /// must be confirmed, not merely mined, since a reorganisation could otherwise undo the log after the release.
    /// </summary>
    public int LogConfirmations { get; set; } = 1;

    /// <summary>Largest node-to-node request body read, in bytes (default 64 KiB).</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Most live nonces kept against replays (see <see cref="NonceCache"/>).</summary>
    public int NonceCapacity { get; set; } = NonceCache.DefaultCapacity;
}
