namespace EthGov.Api.GrantRequests;

/// <summary>
/// Grant requests between departments (section <c>EthGov:GrantRequests</c>): how many may wait per department, and how
/// the messages to the other node are retried.
/// </summary>
public sealed class GrantRequestOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:GrantRequests";

    /// <summary>
    /// The most requests that wait for a decision per department and direction: a holder's queue takes no more (other
    /// departments are refused until it decides some), and a requester asks no more until some are decided.
    /// </summary>
    public int MaxOpenPerDepartment { get; set; } = 500;

    /// <summary>The first pause after a failed message; it doubles with every attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two attempts: a message is retried forever at this pace while the other node is away.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an approval may take from its claim to its grant on chain before the node settles it from the chain: a
    /// node that stopped mid-way left it <c>approving</c> (see <see cref="GrantRequestApprovals"/>). Longer than any wait
    /// for a transaction's receipt.
    /// </summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The pause before attempt <paramref name="attempts"/> + 1: <see cref="RetryDelay"/> doubled per attempt, capped.</summary>
    public TimeSpan PauseAfter(int attempts)
        => TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}
