using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Receipts;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Testing;

namespace EthGov.Cli.Tests;

/// <summary>
/// The cut-over from registry 1.1.0 to 2.0 on one Hardhat chain, end to end: documents the 1.x API anchored keep
/// verifying (API and CLI) and stay revocable, what it had not confirmed is anchored again in 2.0, and what 1.x anchors
/// after the cut-over does not count.
/// </summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethgov-migration-").FullName;
    private HardhatNode _node = null!;

    private ChainOptions Options => new() { RpcUrl = _node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };

    [Fact]
    public async Task CutOver_From1x_OldDocumentsVerifyAndRevoke_UnconfirmedOnesMoveTo2_LateOnesDoNotCount()
    {
        // Registry 1.1.0 and what its API did: a single and a batch document confirmed, one accepted only, one refused.
        var v1 = await RegistryV1.DeployAsync(Options, DevAccounts.Get(0, 31337), DevChain.Departments, 2);
        var v1File = Path.Combine(_folder, "v1.json");
        await DeploymentFile.SaveAsync(v1, v1File);
        var civil1 = new RegistryClient(Options, v1.Registry, DevAccounts.Get(1, 31337)).Documents;
        var (single, singleFile) = NewDocument("single");
        var singleAnchor = (await civil1.AnchorAsync(single)).Unwrap();
        var files = Enumerable.Range(0, 3).Select(i => NewDocument($"batch-{i}")).ToArray();
        var tree = MerkleTree.Build([.. files.Select(f => f.Digest)]);
        var batchAnchor = (await civil1.AnchorBatchAsync(tree.Root, tree.Count)).Unwrap();
        var (accepted, _) = NewDocument("accepted");
        var (refused, _) = NewDocument("refused");

        // The cut-over.
        var v2File = Path.Combine(_folder, "v2.json");
        var migrated = await CliProcess.RunAsync(_folder, null,
            "deploy", "--migrate-from", v1File, "--signer-change-delay", "60", "--rpc", _node.RpcUrl.ToString(), "--deployment", v2File);
        Assert.True(migrated.ExitCode == 0, migrated.Stderr);
        var v2 = await DeploymentFile.LoadAsync(v2File);
        Assert.Equal(new LegacyRegistry(v1.Registry, v2.Block), v2.Legacy);
        Assert.Equal(v1.Departments.Select(d => (d.Id, d.Code)), v2.Departments.Select(d => (d.Id, d.Code)));

        // A 1.x API still running after the cut-over: its batch is confirmed in 1.x, where it no longer counts.
        var (late, _) = NewDocument("late");
        var lateAnchor = (await civil1.AnchorAsync(late)).Unwrap();
        var (lateOnly, _) = NewDocument("late-only");
        var lateOnlyAnchor = (await civil1.AnchorAsync(lateOnly)).Unwrap();

        var data = Directory.CreateTempSubdirectory("ethgov-migration-data-").FullName;
        var outbox = OutboxV1.Create(data, v1);
        outbox.Confirmed(1, single, [single], singleAnchor);
        outbox.Confirmed(1, tree.Root, [.. tree.Values], batchAnchor);
        outbox.Accepted(accepted, 1);
        outbox.Failed(1, refused, "already anchored by department 2");
        outbox.Confirmed(1, late, [late], lateAnchor);

        var settings = new ApiSettings(_node.RpcUrl, v2File, data).Serving("CIVIL");
        settings.Settings["Chain:MaxReadAge"] = "00:00:00";
        var civilKey = await settings.CreateKeyAsync("CIVIL");
        await using var api = await ApiProcess.StartAsync(settings);
        using var anyone = api.Client();
        using var civil = api.Client(civilKey);

        // Confirmed before the cut-over: receipts still name 1.x, and verify (API by digest and receipt, CLI).
        var singleReceipt = await ReceiptAsync(anyone, single);
        var batchReceipt = await ReceiptAsync(anyone, files[1].Digest);
        Assert.Equal(v1.Registry, singleReceipt.Registry, ignoreCase: true);
        Assert.Equal(v1.Registry, batchReceipt.Registry, ignoreCase: true);
        Assert.Equal(singleAnchor.TransactionHash, singleReceipt.TransactionHash.ToString());
        Assert.Equal("valid", await OutcomeAsync(anyone, single));
        Assert.Equal("valid", await OutcomeAsync(anyone, files[1].Digest));
        Assert.Equal("valid", await OutcomeOfReceiptAsync(anyone, singleReceipt));
        Assert.Equal("valid", await OutcomeOfReceiptAsync(anyone, batchReceipt));
        await WriteReceiptAsync(singleFile, singleReceipt);
        await WriteReceiptAsync(files[1].File, batchReceipt);
        var cliSingle = await VerifyWithCliAsync(singleFile, v2File);
        var cliBatch = await VerifyWithCliAsync(files[1].File, v2File);
        Assert.True(cliSingle.ExitCode == 0, cliSingle.Stdout + cliSingle.Stderr);
        Assert.Contains("of registry 1.x, before the cut-over", cliSingle.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, cliBatch.ExitCode);
        var withoutDeployment = await CliProcess.RunAsync(_folder, null, "verify", singleFile, "--rpc", _node.RpcUrl.ToString());
        Assert.Equal(2, withoutDeployment.ExitCode);
        Assert.Contains("with the deployment file of the registry that took over from it", withoutDeployment.Stderr, StringComparison.Ordinal);

        // Accepted, refused, or confirmed in 1.x only after the cut-over: anchored again in 2.0, with receipts naming it.
        foreach (var moved in new[] { accepted, refused, late })
        {
            var receipt = await WaitAnchoredAsync(anyone, moved);
            Assert.Equal(v2.Registry, receipt.Registry, ignoreCase: true);
            Assert.Equal("valid", await OutcomeOfReceiptAsync(anyone, receipt));
        }

        // Revoked through the API: 2.0 records the revocation of the 1.x batch document.
        using (var revoked = await civil.PostAsJsonAsync($"/api/v1/documents/{files[1].Digest}/revocation", new { reason = 5 }))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        Assert.Equal("revoked", await OutcomeAsync(anyone, files[1].Digest));
        Assert.Equal("revoked", await OutcomeOfReceiptAsync(anyone, batchReceipt));
        Assert.Equal(1, (await VerifyWithCliAsync(files[1].File, v2File)).ExitCode);

        // Anchored in 1.x after the cut-over: its 1.x receipt does not verify, and 2.0 refuses to revoke it.
        var lateOnlyReceipt = ReceiptFactory.ForSingle(lateOnly, new ReceiptIssuer(1, "CIVIL", DevChain.Departments[0].Name), 31337, v1.Registry, lateOnlyAnchor, null);
        Assert.NotEqual("valid", await OutcomeOfReceiptAsync(anyone, lateOnlyReceipt));
        Assert.Equal("unknown", await OutcomeAsync(anyone, lateOnly));
        using (var refusedRevocation = await civil.PostAsJsonAsync($"/api/v1/documents/{lateOnly}/revocation", new { reason = 1 }))
        {
            await AssertProblemAsync(refusedRevocation, HttpStatusCode.Conflict, "legacy-anchored-after-cutover");
        }

        // A 1.x document cannot be superseded, only revoked.
        using (var superseded = await civil.PostAsJsonAsync($"/api/v1/documents/{single}/supersession", new { newDigest = NewDocument("successor").Digest.ToString() }))
        {
            await AssertProblemAsync(superseded, HttpStatusCode.Conflict, "legacy-document-not-supersedable");
        }

        // Revoked with the CLI and the 1.x receipt.
        var cliRevoke = await CliProcess.RunAsync(_folder, null, "revoke", singleFile, "--reason", "2", "--receipt", singleFile + ".receipt.json",
            "--rpc", _node.RpcUrl.ToString(), "--deployment", v2File, "--key-file", "dev:1");
        Assert.True(cliRevoke.ExitCode == 0, cliRevoke.Stderr);
        var afterRevoke = await VerifyWithCliAsync(singleFile, v2File);
        Assert.Equal(1, afterRevoke.ExitCode);
        Assert.StartsWith("REVOKED", afterRevoke.Stdout, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _node = await HardhatNode.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private (Digest Digest, string File) NewDocument(string name)
    {
        var file = Path.Combine(_folder, name + ".pdf");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(256));
        return (new Digest(SHA256.HashData(File.ReadAllBytes(file))), file);
    }

    private Task<CliRun> VerifyWithCliAsync(string file, string deployment)
        => CliProcess.RunAsync(_folder, null, "verify", file, "--rpc", _node.RpcUrl.ToString(), "--deployment", deployment);

    private static Task WriteReceiptAsync(string file, Receipt receipt) => File.WriteAllTextAsync(file + ".receipt.json", ReceiptWriter.ToJson(receipt));

    private static async Task<Receipt> ReceiptAsync(HttpClient client, Digest digest)
        => ReceiptReader.Parse(await client.GetStringAsync($"/api/v1/documents/{digest}/receipt")).Receipt!;

    private static async Task<Receipt> WaitAnchoredAsync(HttpClient client, Digest digest)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/documents/{digest}/receipt");
            if (response.IsSuccessStatusCode)
            {
                return ReceiptReader.Parse(await response.Content.ReadAsStringAsync()).Receipt!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{digest} was not anchored again");
            await Task.Delay(200);
        }
    }

    private static async Task<string> OutcomeAsync(HttpClient client, Digest digest)
        => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/verify/{digest}")).GetProperty("outcome").GetString()!;

    private static async Task<string> OutcomeOfReceiptAsync(HttpClient client, Receipt receipt)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/verify", new { receipt = JsonSerializer.Deserialize<JsonElement>(ReceiptWriter.ToJson(receipt)) });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString()!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.EndsWith("/" + type, body.GetProperty("type").GetString(), StringComparison.Ordinal);
    }
}
