namespace EthGov.Api.Configuration;

/// <summary>
/// The API cannot start with this configuration on this data directory and chain; its message is the one line the
/// process prints before it exits with a non-zero code (no stack trace: the cause is the operator's to fix, not a bug).
/// </summary>
public sealed class StartupRefusedException(string message, Exception? inner = null) : Exception(message, inner);
