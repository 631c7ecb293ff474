using EthGov.Application.ApiKeys;

namespace EthGov.Testing;

/// <summary>
/// How a test runs the API: the chain endpoint, the deployment file and a data directory of its own, on a port that
/// stays the same across restarts. Turned into the environment variables an operator would set.
/// </summary>
public sealed class ApiSettings
{
    /// <summary>Settings for an API on <paramref name="rpcUrl"/> with <paramref name="deploymentFile"/>; a new data directory unless given.</summary>
    public ApiSettings(Uri rpcUrl, string deploymentFile, string? dataDirectory = null)
    {
        RpcUrl = rpcUrl;
        DeploymentFile = deploymentFile;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("ethgov-faults-").FullName;
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");

        // Tests on one host run many APIs with the same dev keys on chain 31337, each on its own chain: each gets its own
        // sender lock directory, kept across its restarts; a test of the lock itself gives two of them the same one.
        Settings["EthGov:SenderLockDirectory"] = Directory.CreateTempSubdirectory("ethgov-sender-locks-").FullName;

        // On a PostgreSQL run (TestStore) the node keeps its store in a database of its own, the same one for every
        // process given this data directory (a restart, a second process on it).
        if (TestStore.IsPostgres && TestStore.For(DataDirectory) is { ConnectionString: { } connectionString } postgres)
        {
            Settings["EthGov:Storage:Provider"] = postgres.Provider;
            Settings["EthGov:Storage:ConnectionString"] = connectionString;
        }
    }

    /// <summary>The JSON-RPC endpoint the API uses.</summary>
    public Uri RpcUrl { get; set; }

    /// <summary>The deployment file.</summary>
    public string DeploymentFile { get; set; }

    /// <summary>The API's data directory (its SQLite store, unless the run's stores are PostgreSQL; its locks and files).</summary>
    public string DataDirectory { get; }

    /// <summary>Where the API listens.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// The departments this API signs for, code to signer (<c>EthGov:Signers:&lt;CODE&gt;</c>): none unless the test says
    /// which departments the node serves (<see cref="Serving"/>).
    /// </summary>
    public Dictionary<string, string> Signers { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes the API the node of <paramref name="departmentCodes"/>, each with its dev signer; returns these settings.</summary>
    public ApiSettings Serving(params string[] departmentCodes)
    {
        foreach (var code in departmentCodes)
        {
            Signers[code] = DevSigners.Of(code);
        }

        return this;
    }

    /// <summary>Further configuration, keys with <c>:</c>.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["EthGov:Outbox:BatchInterval"] = "00:00:00.200",
        ["EthGov:Outbox:RetryDelay"] = "00:00:00.200",
        ["EthGov:Outbox:MaxRetryDelay"] = "00:00:01",
        ["EthGov:Indexer:PollInterval"] = "00:00:00.200",
        ["EthGov:Documents:MaxUploadBytes"] = "1048576",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// A new API key for <paramref name="departmentCode"/> in the data directory, as <c>ethgov apikey create</c> makes it,
    /// with every scope unless <paramref name="scopes"/> says otherwise (tests of other features are not about scopes).
    /// </summary>
    public async Task<string> CreateKeyAsync(string departmentCode, ApiKeyScopes? scopes = null)
        => (await ApiKeyTable.Create(Store()).CreateAsync(departmentCode, scopes ?? ApiKeyScopeNames.All)).Secret;

    /// <summary>The node's store as <see cref="Settings"/> choose it: its PostgreSQL database, else the SQLite file of the data directory.</summary>
    public EthGov.Application.Storage.Database Store()
        => Settings.TryGetValue("EthGov:Storage:Provider", out var provider) && provider == "postgres"
            ? new(DataDirectory, new EthGov.Application.Storage.StorageOptions { Provider = provider, ConnectionString = Settings["EthGov:Storage:ConnectionString"] })
            : new(DataDirectory);

    /// <summary>The environment of the API process.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment()
    {
        yield return new("ASPNETCORE_URLS", BaseUrl.ToString());
        yield return new("ASPNETCORE_ENVIRONMENT", "Development");
        yield return new("Chain__RpcUrl", RpcUrl.ToString());
        yield return new("Chain__ChainId", "31337");
        yield return new("EthGov__DeploymentFile", DeploymentFile);
        yield return new("EthGov__DataDirectory", DataDirectory);
        foreach (var (code, signer) in Signers)
        {
            yield return new($"EthGov__Signers__{code}", signer);
        }

        foreach (var (key, value) in Settings)
        {
            yield return new(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }
}
