using EthGov.Api.Auth;

namespace EthGov.Testing;

/// <summary>
/// One department's node in a <see cref="NodeCluster"/>: the API as its own process, signing for that department only
/// with its dev signer, with its node key, its own data directory and API key, on a port that stays the same across
/// restarts (the URL the chain names for it).
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private ApiProcess? _process;

    internal ClusterNode(string code, uint departmentId, ApiSettings settings)
    {
        Code = code;
        DepartmentId = departmentId;
        Settings = settings;
    }

    /// <summary>The department's code.</summary>
    public string Code { get; }

    /// <summary>The department's id in the registry.</summary>
    public uint DepartmentId { get; }

    /// <summary>The dev account the department's signer and node key come from (CIVIL 1, HEALTH 2, TRANSPORT 3).</summary>
    public int DevAccount => DevSigners.AccountOf(Code);

    /// <summary>The node key spec (<c>EthGov:NodeKey</c>).</summary>
    public string NodeKey => $"dev:{DevAccount}";

    /// <summary>How the process is started: its settings, environment and data directory.</summary>
    public ApiSettings Settings { get; }

    /// <summary>Where the node listens.</summary>
    public Uri BaseUrl => Settings.BaseUrl;

    /// <summary>The node's public address as published on chain and in <c>EthGov:PublicBaseUrl</c> (no trailing slash).</summary>
    public string PublicUrl => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>An API key of the department in this node's data directory, with every scope.</summary>
    public string ApiKey { get; internal set; } = null!;

    /// <summary>The running process; throws while the node is stopped.</summary>
    public ApiProcess Process => _process ?? throw new InvalidOperationException($"{Code}'s node is stopped");

    /// <summary>Whether the node's process runs.</summary>
    public bool IsRunning => _process is { IsRunning: true };

    /// <summary>A client for the node, anonymous unless <paramref name="apiKey"/> is given; it outlives restarts.</summary>
    public HttpClient Client(string? apiKey = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, apiKey);
        }

        return client;
    }

    /// <summary>A client acting for the department with <see cref="ApiKey"/>.</summary>
    public HttpClient DepartmentClient() => Client(ApiKey);

    /// <summary>Starts the node (again, on the same port and data directory) and waits until it answers.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Code}'s node already runs");
        }

        _process = await ApiProcess.StartAsync(Settings);
    }

    /// <summary>Stops the node at once (kill -9), as a node that crashed or lost its network.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());
}
