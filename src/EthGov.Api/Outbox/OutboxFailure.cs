namespace EthGov.Api.Outbox;

/// <summary>Why the outbox did not take a request (<see cref="OutboxUnavailableException.Failure"/>): a code, so the API words it in the caller's language.</summary>
public enum OutboxFailure
{
    /// <summary>The node is stopping.</summary>
    ShuttingDown,

    /// <summary>The write failed (disk, database).</summary>
    NotStored,

    /// <summary>A supersession's new document could not be recorded.</summary>
    SupersessionNotRecorded,

    /// <summary>A supersession's new document was refused.</summary>
    SupersessionRefused,
}
