using System.Net.Http.Json;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Testing;
using Nethereum.Signer;
using Nethereum.Web3.Accounts;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>Keys made for one test, and what a department's own tooling does with them on the chain itself.</summary>
public static class ChainKeys
{
    /// <summary>A new key with 10 ether, so it can send transactions (a thief's key, a recovered department's).</summary>
    public static async Task<Account> NewFundedAsync(DevChain chain)
    {
        var key = new Account(EthECKey.GenerateKey().GetPrivateKey(), 31337);
        await chain.Node.CallAsync("hardhat_setBalance", key.Address, "0x8ac7230489e80000");
        return key;
    }

    /// <summary>A client of the registry signing with <paramref name="key"/>.</summary>
    public static RegistryClient ClientFor(DevChain chain, Account key) => new(chain.Options, chain.Deployment.Registry, key);

    /// <summary>The latest block's time: tests move the chain's clock ahead of the machine's.</summary>
    public static async Task<DateTimeOffset> ChainNowAsync(DevChain chain)
    {
        var latest = await chain.Node.CallAsync("eth_getBlockByNumber", "latest", false);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16));
    }

    /// <summary><paramref name="newKey"/>'s consent to join <paramref name="departmentId"/>, valid for an hour of chain time.</summary>
    public static async Task<SignerConsent> ConsentAsync(DevChain chain, Account newKey, uint departmentId)
    {
        var nonce = (await chain.Reader().Documents.NonceAsync(newKey.Address)).Unwrap();
        return SignerConsent.Create(newKey, 31337, chain.Deployment.Registry, departmentId, nonce, await ChainNowAsync(chain) + TimeSpan.FromHours(1));
    }

    /// <summary>
    /// Adds <paramref name="newKey"/> to department <paramref name="departmentId"/> through the API (whose key for the
    /// department must not send from anywhere else: its nonces are its own) and the time lock.
    /// </summary>
    public static async Task AddThroughApiAsync(DevChain chain, HttpClient department, uint departmentId, Account newKey)
    {
        var consent = await ConsentAsync(chain, newKey, departmentId);
        using var requested = await department.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "add-signer", signer = newKey.Address, consent = consent.Token });
        Assert.True(requested.StatusCode == System.Net.HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var created = (await requested.Content.ReadFromJsonAsync<EthGov.Api.Departments.SignerChangeCreatedResponse>(TestJson.Options))!;
        await chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        using var applied = await department.PostAsync(created.Url + "/application", null);
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
    }

    /// <summary>Adds <paramref name="newKey"/> to the department of <paramref name="signer"/> through the time lock (chain time moves past the delay).</summary>
    public static async Task AddAsync(DevChain chain, RegistryClient signer, Account newKey)
    {
        var departmentId = (await signer.Keys.OfAsync(signer.Context.SignerAddress!)).Unwrap().DepartmentId;
        var consent = await ConsentAsync(chain, newKey, departmentId);
        var (_, changeId) = (await signer.Departments.RequestAddSignerAsync(newKey.Address, consent.Deadline, consent.Signature)).Unwrap();
        await chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        (await signer.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
    }
}
