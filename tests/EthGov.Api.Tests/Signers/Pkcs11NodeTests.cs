using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Configuration;
using EthGov.Api.Signers;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Nodes;
using EthGov.Chain.Keys;
using EthGov.Chain.Keys.Pkcs11;
using EthGov.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Signers;

/// <summary>A node whose signer key and node key live in a PKCS#11 module (SoftHSM2), started as any node is.</summary>
public sealed class Pkcs11NodeTests(DevChain chain) : IClassFixture<DevChain>
{
    [SoftHsmFact]
    public async Task Node_WithSignerAndNodeKeyInTheModule_AnchorsADocumentSignedByTheModuleKey()
    {
        var signerUri = SoftHsm.Shared.NewSignerKey();
        var nodeUri = SoftHsm.Shared.NewNodeKey();
        var moduleAddress = KeyLoader.Load(signerUri, 31337).Address;
        await chain.AddKeyAsync(1, KeyLoader.Load(signerUri, 31337));
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?>
        {
            ["EthGov:Signers:CIVIL"] = signerUri,
            ["EthGov:Signers:HEALTH"] = "",
            ["EthGov:Signers:TRANSPORT"] = "",
            ["EthGov:NodeKey"] = nodeUri,
        });
        var digest = TestDigests.New();

        using var response = await host.ClientWithKey(await host.CreateKeyAsync("CIVIL")).PostAsJsonAsync("/api/v1/documents", new { digest });
        var status = await host.WaitAnchoredAsync(digest);

        // 202, or 200 when the batch was confirmed before the answer went out.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        var sent = await chain.Node.CallAsync("eth_getTransactionByHash", status.Receipt!.TransactionHash.ToString());
        Assert.Equal(moduleAddress, sent.GetProperty("from").GetString(), StringComparer.OrdinalIgnoreCase);
        var nodeKeys = host.Services.GetRequiredService<NodeKeys>();
        Assert.IsType<Pkcs11Ecdsa>(nodeKeys.Signing);
        using var published = NodeKeys.Load(nodeUri, 31337);
        Assert.Equal(published.SigningPublicKey, nodeKeys.SigningPublicKey);
        Assert.Equal(published.EncryptionPublicKey, nodeKeys.EncryptionPublicKey);
    }

    [SoftHsmFact]
    public async Task SignerKeys_WrongPin_RefuseTheStartWithOneLine()
    {
        var file = Path.Combine(SoftHsm.Shared.Folder, "wrong-pin-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, "999999\n");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EthGov:Signers:CIVIL"] = SoftHsm.Shared.Uri("signer", SoftHsm.PinToken, "file:" + file) })
            .Build();

        var refused = Assert.Throws<StartupRefusedException>(() => SignerKeys.Load(configuration, 31337, Directory.CreateTempSubdirectory("ethgov-locks-").FullName));

        Assert.Equal($"EthGov:Signers:CIVIL: PKCS#11 token '{SoftHsm.PinToken}' refused the PIN (CKR_PIN_INCORRECT): check file:{file}", refused.Message);
    }

    [SoftHsmFact]
    public void SignerKeys_MissingObject_RefuseTheStartWithOneLine()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EthGov:Signers:CIVIL"] = SoftHsm.Shared.Uri("no-such-signer") })
            .Build();

        var refused = Assert.Throws<StartupRefusedException>(() => SignerKeys.Load(configuration, 31337, Directory.CreateTempSubdirectory("ethgov-locks-").FullName));

        Assert.Equal($"EthGov:Signers:CIVIL: PKCS#11 token '{SoftHsm.KeysToken}' holds no EC private key labelled 'no-such-signer'", refused.Message);
    }
}
