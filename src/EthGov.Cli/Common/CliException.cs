namespace EthGov.Cli.Common;

/// <summary>A failure to report as one line on stderr with exit code 2 (never a stack trace).</summary>
public sealed class CliException(string message) : Exception(message);
