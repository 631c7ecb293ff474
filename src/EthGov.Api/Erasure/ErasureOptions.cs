namespace EthGov.Api.Erasure;

/// <summary>
/// Erasure across nodes (section <c>EthGov:Erasure</c>): how the holder's notices are retried, how often the holder looks
/// for erased records whose notices are missing, and how often the grantee erases copies past their grant's terms.
/// </summary>
public sealed class ErasureOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:Erasure";

    /// <summary>The first pause after a notice failed; it doubles with every attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two attempts: a notice is retried forever at this pace while the grantee's node is away.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the holder writes the notices of erased records that have none yet (records the retention sweeper expired, say).</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the grantee erases the copies whose grant's terms ended.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many days a view-once copy that is never viewed is kept after it was asked for.</summary>
    public int UnviewedDays { get; set; } = 30;

    /// <summary>The pause before attempt <paramref name="attempts"/> + 1: <see cref="RetryDelay"/> doubled per attempt, capped.</summary>
    public TimeSpan PauseAfter(int attempts)
        => TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}
