namespace EthGov.Application.ApiKeys;

/// <summary>How a department's system sends its key to the API, as the CLI tells the key's holder when it creates one.</summary>
public static class ApiKeyHeader
{
    /// <summary>The header that carries the key (<c>Authorization: Bearer</c> works as well).</summary>
    public const string Name = "X-Api-Key";
}
