using System.Net.Http.Json;
using EthGov.Api.Auth;
using EthGov.Application.ApiKeys;
using EthGov.Application.Storage;
using EthGov.Chain.Deployments;
using EthGov.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>
/// The API under test: <see cref="WebApplicationFactory{TEntryPoint}"/> against a <see cref="DevChain"/>, with its
/// SQLite database in <see cref="DataDirectory"/> and the signers of the three dev departments (<see cref="DevSigners"/>).
/// Settings go through UseSetting because Program reads them before Build.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    /// <summary>The environment variable that runs every host of the suite on another store (<c>postgres</c>).</summary>
    public const string StoreVariable = TestStore.Variable;

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly ILoggerProvider? _logs;
    private readonly Action<IServiceCollection>? _services;

    private ApiHost(Dictionary<string, string?> settings, string dataDirectory, string environment, ILoggerProvider? logs, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _environment = environment;
        _logs = logs;
        _services = services;
        DataDirectory = dataDirectory;
    }

    /// <summary>The PostgreSQL database <see cref="StoreVariable"/> gave the hosts on <paramref name="dataDirectory"/>, if it did.</summary>
    public static StorageOptions? PostgresStoreOf(string dataDirectory)
        => TestStore.PostgresOf(dataDirectory);

    /// <summary>The data directory (kept when the host is disposed, so a new host can restart on it).</summary>
    public string DataDirectory { get; }

    /// <summary>The host's store, as the CLI would open it beside the node: the SQLite file, or the PostgreSQL database it was given.</summary>
    public Database Database => new(DataDirectory, new StorageOptions
    {
        Provider = _settings.GetValueOrDefault("EthGov:Storage:Provider") ?? StorageOptions.Sqlite,
        ConnectionString = _settings.GetValueOrDefault("EthGov:Storage:ConnectionString"),
    });

    /// <summary>
    /// Starts a host on <paramref name="chain"/>; <paramref name="dataDirectory"/> defaults to a new temporary folder,
    /// <paramref name="logs"/>, when given, receives what the API logs, and <paramref name="services"/> adds to its services.
    /// </summary>
    public static async Task<ApiHost> StartAsync(
        DevChain chain, IDictionary<string, string?>? overrides = null, string? dataDirectory = null, string environment = "Development", ILoggerProvider? logs = null,
        Action<IServiceCollection>? services = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("ethgov-api-test-").FullName;
        var deploymentFile = Path.Combine(dataDirectory, "deployment.json");
        if (!File.Exists(deploymentFile))
        {
            await DeploymentFile.SaveAsync(chain.Deployment, deploymentFile);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = chain.Node.RpcUrl.ToString(),
            ["Chain:ChainId"] = "31337",
            ["EthGov:DeploymentFile"] = deploymentFile,
            ["EthGov:DataDirectory"] = dataDirectory,
            ["EthGov:Outbox:BatchInterval"] = "00:00:00.200",
            ["EthGov:Indexer:PollInterval"] = "00:00:00.200",
            ["EthGov:Departments:CacheTtl"] = "00:00:00",
            ["EthGov:Documents:MaxUploadBytes"] = "1048576",
            ["EthGov:DataKey"] = "dev:0",

            // Hosts of many test classes run in this one process with the same dev keys, each on its own chain.
            ["EthGov:SenderLockDirectory"] = Directory.CreateTempSubdirectory("ethgov-api-test-locks-").FullName,
        };
        // One host signing for all three dev departments, as one node may when configured to: the API tests act for
        // each of them against one process. An override with an empty value leaves a department out.
        foreach (var (code, signer) in DevSigners.All)
        {
            settings[$"EthGov:Signers:{code}"] = signer;
        }

        // ETHGOV_TEST_STORE=postgres runs the suite on PostgreSQL: one database per data directory, the same one again when
        // a test restarts a host on its directory. Overrides may still choose a store themselves.
        if (TestStore.IsPostgres && overrides?.ContainsKey("EthGov:Storage:Provider") != true)
        {
            var store = TestStore.For(dataDirectory);
            settings["EthGov:Storage:Provider"] = store.Provider;
            settings["EthGov:Storage:ConnectionString"] = store.ConnectionString;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new ApiHost(settings, dataDirectory, environment, logs, services);
        _ = host.Server;
        return host;
    }

    /// <summary>
    /// A new API key for <paramref name="departmentCode"/>, created as the CLI would, with every scope unless
    /// <paramref name="scopes"/> says otherwise (tests of other features are not about scopes).
    /// </summary>
    public async Task<string> CreateKeyAsync(string departmentCode, ApiKeyScopes? scopes = null)
        => (await ApiKeyTable.Create(Database).CreateAsync(departmentCode, scopes ?? ApiKeyScopeNames.All)).Secret;

    /// <summary>A client that sends <paramref name="apiKey"/>.</summary>
    public HttpClient ClientWithKey(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, apiKey);
        }

        return client;
    }

    /// <summary>Polls a document's status until it is anchored (or fails the test after <paramref name="timeout"/>).</summary>
    public async Task<EthGov.Api.Documents.DocumentStatusResponse> WaitAnchoredAsync(string digest, TimeSpan? timeout = null)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await client.GetFromJsonAsync<EthGov.Api.Documents.DocumentStatusResponse>($"/api/v1/documents/{digest}", TestJson.Options);
            if (status!.Status == "anchored" || DateTime.UtcNow > deadline)
            {
                Assert.Equal("anchored", status.Status);
                return status;
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_logs is { } logs)
        {
            builder.ConfigureServices(services => services.AddSingleton(logs));
        }

        if (_services is { } more)
        {
            builder.ConfigureServices(more);
        }
    }
}
