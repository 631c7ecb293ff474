namespace EthGov.Api.Auth;

/// <summary>How the API follows the key table (section "EthGov:ApiKeys").</summary>
public sealed class ApiKeyOptions
{
    /// <summary>How often the API reads the key table's change counter: a revoked or rotated key stops working within about this long.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the last-used times of the keys used since are written, in one transaction.</summary>
    public TimeSpan LastUsedWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
