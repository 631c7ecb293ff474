namespace EthGov.Cli.Common;

/// <summary>The CLI's exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done; for verify: the document is valid.</summary>
    public const int Success = 0;

    /// <summary>A verification found the document not valid (unknown, revoked, expired, superseded, mismatched).</summary>
    public const int NotValid = 1;

    /// <summary>Bad input, a refused transaction, or an unreachable chain.</summary>
    public const int Error = 2;
}
