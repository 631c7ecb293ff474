namespace EthGov.Api.Outbox;

/// <summary>The outbox could not durably store a request (disk failure or shutdown); the request was not accepted.</summary>
public sealed class OutboxUnavailableException(OutboxFailure failure, Exception? inner = null) : Exception(Describe(failure), inner)
{
    /// <summary>Why.</summary>
    public OutboxFailure Failure { get; } = failure;

    /// <summary>The English sentence for <paramref name="failure"/>, as logs read it.</summary>
    public static string Describe(OutboxFailure failure) => failure switch
    {
        OutboxFailure.ShuttingDown => "the outbox is shutting down",
        OutboxFailure.NotStored => "the outbox could not store the request",
        OutboxFailure.SupersessionNotRecorded => "the supersession could not be recorded",
        _ => "the supersession was refused",
    };
}
