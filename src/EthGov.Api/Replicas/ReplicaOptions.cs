namespace EthGov.Api.Replicas;

/// <summary>
/// Replicas of one node on one PostgreSQL database (section <c>EthGov:Replicas</c>; docs/operations.md, "Replicas"). With
/// SQLite there is one process and none of this applies.
/// </summary>
public sealed class ReplicaOptions
{
    /// <summary>How often the lease is taken or renewed.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a renewal holds the lease: another replica takes over at most this long after the holder's last renewal
    /// (its death, a network cut), so a takeover takes this plus one <see cref="RenewInterval"/> at most.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How often a replica reads the documents and batches the other replicas wrote.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
