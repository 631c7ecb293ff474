using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Keys;
using EthGov.Testing;

namespace EthGov.Api.Tests.Departments;

/// <summary>
/// A chain and API with three more departments that the governance tests may suspend, recover or report keys of
/// without touching CIVIL, HEALTH and TRANSPORT, which make up the quorum: WATER (dev:4), PARKS (dev:5) and ROGUE
/// (dev:6), each with its API key and its signer configured in the API.
/// </summary>
public sealed class GovernanceFixture : IAsyncLifetime
{
    private static readonly (string Code, int DevAccount)[] s_extra = [("WATER", 4), ("PARKS", 5), ("ROGUE", 6)];
    private static readonly string[] s_quorum = ["CIVIL", "HEALTH", "TRANSPORT"];

    private readonly Dictionary<string, string> _keys = [];

    /// <summary>The chain.</summary>
    public DevChain Chain { get; } = new();

    /// <summary>The API.</summary>
    public ApiHost Host { get; private set; } = null!;

    /// <summary>A client with the API key of department <paramref name="code"/>.</summary>
    public HttpClient Client(string code) => Host.ClientWithKey(_keys[code]);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        foreach (var (code, devAccount) in s_extra)
        {
            var id = (await Chain.ClientFor(1).Departments.ProposeAddAsync(code, code + " department", DevAccounts.Get(devAccount, 31337).Address)).Unwrap();
            (await Chain.ClientFor(2).Departments.ApproveAsync(id)).Unwrap();
        }

        Host = await ApiHost.StartAsync(Chain, s_extra.ToDictionary(e => $"EthGov:Signers:{e.Code}", e => (string?)$"dev:{e.DevAccount}"));
        foreach (var code in s_quorum.Concat(s_extra.Select(e => e.Code)))
        {
            _keys[code] = await Host.CreateKeyAsync(code);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
