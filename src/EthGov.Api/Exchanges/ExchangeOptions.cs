namespace EthGov.Api.Exchanges;

/// <summary>
/// The grantee side of record exchanges (section <c>EthGov:Exchange</c>): how often access entries are logged on chain,
/// how retries pause, and how large a release may be.
/// </summary>
public sealed class ExchangeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:Exchange";

    /// <summary>
    /// How long access entries wait for their batch at most: one <c>logAccessBatch</c> per department per interval. Half a
    /// second: an entry waits a quarter of a second on average, and on a busy chain the next batch's block confirms the
    /// last one; at 500 exchanges a second that is 250 entries a batch, under 200 gas per logged access.
    /// </summary>
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many waiting entries send a batch before the interval ends.</summary>
    public int LogBatchSize { get; set; } = 1000;

    /// <summary>Most entries in one batch (a tree of 2^16 leaves: proofs of 16 hashes).</summary>
    public int MaxLogBatchEntries { get; set; } = 65_536;

    /// <summary>The first pause after a failed step; it doubles with every attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between two attempts (the holder's node down, the chain away): retried forever at this pace.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many times a released record that the chain does not (yet) show anchored by the holder is checked again before
    /// the release is refused as tampered. The holder's proof or the chain's view can trail its "anchored" by a moment on
    /// a loaded node; content the holder never anchored fails every check. Eight checks span about 35 s at the default
    /// pauses.
    /// </summary>
    public int AnchorChecks { get; set; } = 8;

    /// <summary>
    /// How many exchanges are stepped at once (each a request to a holder's node, its checks and a commit). A step mostly
    /// waits (the holder's answer, the chain, the commit), 0.24-0.39 s under load, so the slots set the rate: on two cores
    /// 32 capped the benchmark at about 130 verified exchanges a second, 128 at 230-310, 512 at 427-445 (the CPU's limit
    /// there). Each slot may hold one answer of up to <see cref="MaxReleaseBytes"/>, which bounds the memory they take.
    /// </summary>
    public int Concurrency { get; set; } = 128;

    /// <summary>The largest release body read (a record of the store's largest size, base64, and its envelope).</summary>
    public int MaxReleaseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The folder of the evidence files (<see cref="EvidenceFiles"/>); empty: <c>evidence</c> in the data directory. Replicas
    /// of one node set the same shared folder (a network file system every replica mounts): the replica that verifies an
    /// exchange writes its evidence, and any replica serves it.
    /// </summary>
    public string? EvidenceDirectory { get; set; }

    /// <summary>The pause before attempt <paramref name="attempts"/> + 1: <see cref="RetryDelay"/> doubled per attempt, capped.</summary>
    public TimeSpan PauseAfter(int attempts)
        => TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
}
