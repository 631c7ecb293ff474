using System.Globalization;

namespace EthGov.Application.ApiKeys;

/// <summary>A key that works, as the API holds it in memory: whom it acts for and what it may do.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>Creates the entry for key <paramref name="id"/>.</summary>
    public ApiKeyEntry(long id, string department, ApiKeyScopes scopes, ApiKeyUsage usage)
    {
        Id = id;
        KeyId = id.ToString(CultureInfo.InvariantCulture);
        Department = department;
        Scopes = scopes;
        Usage = usage;
    }

    /// <summary>The key's number (<c>ethgov apikey list</c>); it survives rotation.</summary>
    public long Id { get; }

    /// <summary><see cref="Id"/> as text, for claims, logs and rate-limit partitions.</summary>
    public string KeyId { get; }

    /// <summary>The department code the key acts for.</summary>
    public string Department { get; }

    /// <summary>What the key may do.</summary>
    public ApiKeyScopes Scopes { get; }

    /// <summary>When it was last used.</summary>
    public ApiKeyUsage Usage { get; }

    /// <summary>Whether the key holds every scope in <paramref name="required"/>.</summary>
    public bool Has(ApiKeyScopes required) => (Scopes & required) == required;
}
