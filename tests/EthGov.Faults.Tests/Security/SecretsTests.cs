using EthGov.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using EthGov.Chain.Keys;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Faults.Tests.TestSupport;
using Nethereum.KeyStore;
using Nethereum.Signer;
using Xunit.Abstractions;

namespace EthGov.Faults.Tests.Security;

/// <summary>
/// Secrets stay secret: the signer key lives only in an encrypted keystore, API keys only as hashes, and the real
/// API process, logging at Debug, never prints an API key, the keystore password, a private key or a signature.
/// </summary>
public sealed class SecretsTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple 42";

    [Fact]
    public async Task ApiProcess_AtDebugLevel_NeverLogsKeysPasswordsOrSignatures_AndStoresOnlyHashes()
    {
        await using var chain = await DeployedChain.StartAsync();
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile);
        settings.Settings["Logging:LogLevel:Default"] = "Debug";
        settings.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";

        // CIVIL signs with an encrypted keystore holding dev:1's key; the password comes from the environment.
        var civilKey = DevAccounts.PrivateKey(1);
        var keystore = Path.Combine(settings.DataDirectory, "civil.keystore.json");
        var keyBytes = Convert.FromHexString(civilKey.AsSpan(2));
        File.WriteAllText(keystore, new KeyStoreService().EncryptAndGenerateDefaultKeyStoreAsJson(Password, keyBytes, DevAccounts.Get(1, 31337).Address));
        settings.Settings["EthGov:Signers:CIVIL"] = keystore;
        var apiKey = await settings.CreateKeyAsync("CIVIL");

        await using var api = await ApiProcess.StartAsync(settings, new Dictionary<string, string> { [KeyLoader.PasswordVariable] = Password });
        var civil = api.Client(apiKey);
        var digest = new Digest(RandomNumberGenerator.GetBytes(32));
        var anchored = await civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = digest.ToString() });
        var wrongKey = await api.Client(apiKey[..^2] + "xx").PostAsJsonAsync("/api/v1/documents", new { digest = digest.ToString() });

        await Task.Delay(500);

        var logs = string.Join("\n", api.Output);
        output.WriteLine($"anchor {anchored.StatusCode}, wrong key {wrongKey.StatusCode}; {api.Output.Count} log lines, {logs.Length} characters searched");
        Assert.Equal(HttpStatusCode.OK, anchored.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.True(api.Output.Count > 20, "the API logged at Debug level");

        string[] secrets = [apiKey, apiKey[4..], Password, civilKey[2..]];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }

        // On disk: the keystore holds no plain key, the database no plain API key.
        Assert.DoesNotContain(civilKey[2..], File.ReadAllText(keystore), StringComparison.OrdinalIgnoreCase);
        // node.lock is the running node's exclusive claim on the directory (it holds nothing and cannot be opened beside it).
        foreach (var file in Directory.GetFiles(settings.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != EthGov.Application.Storage.DataDirectoryLock.FileName))
        {
            var bytes = System.Text.Encoding.Latin1.GetString(await ReadSharedAsync(file));
            Assert.DoesNotContain(apiKey[4..], bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, bytes, StringComparison.Ordinal);
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
