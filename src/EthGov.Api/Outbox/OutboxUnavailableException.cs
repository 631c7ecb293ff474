namespace EthGov.Api.Outbox;

/// <summary>The outbox could not durably store a request (disk failure or shutdown); the request was not accepted.</summary>
public sealed class OutboxUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
