using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// One accepted document as the API holds it in memory: which department sent it, whether its outbox row
/// is committed, and which batch carries it. The row in SQLite is the durable copy; this is the fast one.
/// </summary>
public sealed class DocumentEntry
{
    private TaskCompletionSource? _settled;
    private long _batchId;

    /// <summary>A document accepted now and not yet committed.</summary>
    public DocumentEntry(Digest digest, uint departmentId, ulong validUntil, DateTimeOffset acceptedAt)
    {
        Digest = digest;
        DepartmentId = departmentId;
        ValidUntil = validUntil;
        AcceptedAt = acceptedAt;
    }

    /// <summary>The document's SHA-256 digest.</summary>
    public Digest Digest { get; }

    /// <summary>The department that asked for the anchor.</summary>
    public uint DepartmentId { get; }

    /// <summary>End of validity as Unix seconds; 0 means none.</summary>
    public ulong ValidUntil { get; }

    /// <summary>When the API accepted it.</summary>
    public DateTimeOffset AcceptedAt { get; }

    /// <summary>The outbox row id, assigned by the writer.</summary>
    public long Id { get; internal set; }

    /// <summary>Completes when the outbox row is committed; faults when the commit failed.</summary>
    public required Task Committed { get; init; }

    /// <summary>The batch that carries the document, 0 while none does.</summary>
    public long BatchId
    {
        get => Interlocked.Read(ref _batchId);
        internal set => Interlocked.Exchange(ref _batchId, value);
    }

    /// <summary>Whether the carrying batch reached a final state (confirmed or failed).</summary>
    public bool IsSettled { get; private set; }

    /// <summary>Marks the batch as final and wakes whoever waits.</summary>
    internal void Settle()
    {
        IsSettled = true;
        Interlocked.CompareExchange(ref _settled, null, null)?.TrySetResult();
    }

    /// <summary>Waits until the document's batch is final or <paramref name="timeout"/> passes.</summary>
    public async Task WaitSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsSettled)
        {
            return;
        }

        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = Interlocked.CompareExchange(ref _settled, created, null) ?? created;
        if (IsSettled)
        {
            return;
        }

        try
        {
            await settled.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The caller answers with the current (pending) status.
        }
    }
}
