namespace EthGov.Application.Nodes;

/// <summary>
/// Limits on calls to other departments' nodes (section <c>EthGov:Nodes</c>: <c>TimeoutSeconds</c>,
/// <c>MaxResponseBytes</c>, <c>AllowPrivateAddresses</c>). The nodes' URLs come from the chain, where any department
/// writes its own, so every limit here is a defence against a hostile or broken node.
/// </summary>
public sealed class NodeClientOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "EthGov:Nodes";

    /// <summary>Longest accepted <see cref="Timeout"/>: a verification waits for it, so minutes would hold a citizen's request hostage.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Largest accepted <see cref="MaxResponseBytes"/>; a receipt with the longest proof takes under 5 KB.</summary>
    public const int MaxResponseBytesLimit = 16 * 1024 * 1024;

    /// <summary>Longest one call may take, connecting, headers and body together, in seconds (the configured form).</summary>
    public double TimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// <see cref="TimeoutSeconds"/> as a time span; zero when that is not a number a time span can hold (which
    /// <see cref="Validate"/> reports), so that reading it never throws.
    /// </summary>
    public TimeSpan Timeout
    {
        get => double.IsFinite(TimeoutSeconds) && Math.Abs(TimeoutSeconds) <= 1e9 ? TimeSpan.FromSeconds(TimeoutSeconds) : TimeSpan.Zero;
        set => TimeoutSeconds = value.TotalSeconds;
    }

    /// <summary>Longest answer body read, in bytes; a longer one is refused as soon as it passes this size.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Whether nodes may be reached on loopback and private-network addresses (development, where every node runs on
    /// 127.0.0.1). Off in production, so that a department cannot point other nodes at their own internal services.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The first setting out of range, as one line naming its configuration key; null when all are usable.</summary>
    public string? Validate()
    {
        if (!double.IsFinite(TimeoutSeconds) || TimeoutSeconds <= 0 || TimeoutSeconds > MaxTimeout.TotalSeconds)
        {
            return $"{SectionName}:TimeoutSeconds: expected more than 0 and at most {MaxTimeout.TotalSeconds}, got {TimeoutSeconds}";
        }

        if (MaxResponseBytes is < 1 or > MaxResponseBytesLimit)
        {
            return $"{SectionName}:MaxResponseBytes: expected 1 to {MaxResponseBytesLimit}, got {MaxResponseBytes}";
        }

        return null;
    }
}
