namespace EthGov.Api.BulkJobs;

/// <summary>
/// A clerk's long piece of bulk work (a folder, a ZIP or a CSV of digests) as the node keeps it, so the page can show
/// its progress and resume it after a reload: how many items it will have, how many arrived, were accepted or failed.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="Department">The department code it acts for.</param>
/// <param name="Owner">Who made it: <c>staff alice</c> or <c>key 3</c>; only they see it.</param>
/// <param name="Kind">One of <see cref="BulkJobKinds.All"/>.</param>
/// <param name="Name">The folder's, ZIP's or CSV file's name, as the clerk picked it.</param>
/// <param name="Total">How many items the job will have.</param>
/// <param name="Received">Items recorded so far (accepted plus failed).</param>
/// <param name="Accepted">Items in the outbox: new, or already anchored for the department.</param>
/// <param name="Failed">Items refused (another department holds the digest).</param>
/// <param name="State">One of <see cref="BulkJobStates"/>.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="UpdatedAt">When an item last arrived, or its state last changed.</param>
public sealed record BulkJob(
    long Id, string Department, string Owner, string Kind, string? Name, int Total, int Received, int Accepted, int Failed, string State,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a bulk job anchors.</summary>
public static class BulkJobKinds
{
    /// <summary>Files of a folder, or several picked files.</summary>
    public const string Files = "files";

    /// <summary>The files of a ZIP archive.</summary>
    public const string Zip = "zip";

    /// <summary>Digests listed in a CSV file.</summary>
    public const string Csv = "csv";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Files, Zip, Csv];
}

/// <summary>Where a bulk job stands.</summary>
public static class BulkJobStates
{
    /// <summary>Items are still to come.</summary>
    public const string Open = "open";

    /// <summary>Every item arrived.</summary>
    public const string Done = "done";

    /// <summary>The clerk gave it up; what arrived stays accepted.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>What became of one item of a chunk.</summary>
public static class BulkItemOutcomes
{
    /// <summary>New in the outbox.</summary>
    public const string Accepted = "accepted";

    /// <summary>The department's outbox held it already (anchored before, or through another route).</summary>
    public const string Known = "known";

    /// <summary>The job had it already (a chunk sent again): nothing was done.</summary>
    public const string Replayed = "replayed";

    /// <summary>Refused: another department anchors this digest.</summary>
    public const string Failed = "failed";
}
