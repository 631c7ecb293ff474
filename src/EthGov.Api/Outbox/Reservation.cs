using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// What one request reserved in the <see cref="DocumentIndex"/>: the new documents it must commit (all with the same
/// department, validity and acceptance time), how many it found already held by its department (with the commits
/// still pending for them), or the digest another department holds, in which case nothing was reserved.
/// </summary>
public sealed class Reservation
{
    internal Reservation(int write, int[] created, int createdCount, int knownCount, Task[] knownCommits, Digest? conflict,
        uint departmentId, ulong validUntil, long acceptedAtMs)
    {
        Write = write;
        Records = created;
        CreatedCount = createdCount;
        KnownCount = knownCount;
        KnownCommits = knownCommits;
        Conflict = conflict;
        DepartmentId = departmentId;
        ValidUntil = validUntil;
        AcceptedAtMs = acceptedAtMs;
    }

    /// <summary>The index's number for this request's pending write; 0 when it created nothing.</summary>
    public int Write { get; }

    /// <summary>The index records of the new documents (the first <see cref="CreatedCount"/> entries).</summary>
    private int[] Records { get; }

    /// <summary>The new documents' records.</summary>
    public ReadOnlySpan<int> Created => Records.AsSpan(0, CreatedCount);

    /// <summary>The same records as a segment, to hand on to the batcher.</summary>
    internal ArraySegment<int> CreatedRecords => new(Records, 0, CreatedCount);

    /// <summary>How many documents are new.</summary>
    public int CreatedCount { get; }

    /// <summary>How many documents the department had already submitted.</summary>
    public int KnownCount { get; }

    /// <summary>The commits of other requests that hold some of the known documents and have not finished yet.</summary>
    public IReadOnlyList<Task> KnownCommits { get; }

    /// <summary>A digest that another department submitted; when set, nothing was reserved.</summary>
    public Digest? Conflict { get; }

    /// <summary>The department of every new document.</summary>
    public uint DepartmentId { get; }

    /// <summary>The validity end of every new document, Unix seconds (0 for none).</summary>
    public ulong ValidUntil { get; }

    /// <summary>When every new document was accepted, Unix milliseconds.</summary>
    public long AcceptedAtMs { get; }

    /// <summary>What the caller noted about the new documents, kept in <c>issued_documents</c> in the same transaction.</summary>
    public Documents.IssuedLabels Labels { get; set; } = Documents.IssuedLabels.None;
}
