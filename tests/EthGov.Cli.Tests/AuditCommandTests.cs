using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Storage;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Testing;

namespace EthGov.Cli.Tests;

/// <summary>
/// <c>ethgov audit verify</c> and <c>ethgov audit reconcile</c> as a person runs them, against a dev chain the CLI
/// deployed (CIVIL holds, HEALTH asks; both publish their dev node keys): evidence made from real logs and real node
/// signatures verifies, a tampered one fails with its reason and exit 1, a missing or malformed file is one line and
/// exit 2; a journal whose releases all have their log reconciles with exit 0, one with a release never logged exits 1.
/// </summary>
public sealed class AuditCommandTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    private const ulong ChainId = 31337;
    private const uint Civil = 1;
    private const uint Health = 2;

    [Fact]
    public async Task AuditVerify_GenuineEvidence_PassesEveryCheck_AndATamperedOneFailsWithItsReason()
    {
        var (evidence, _) = await ExchangeAsync();
        var genuine = Write(evidence, "genuine");
        var other = Random();
        var tampered = Write(evidence with { ContentDigest = other, Records = [other] }, "tampered");

        var passed = await workspace.RunAsync(null, "audit", "verify", genuine);
        var failed = await workspace.RunAsync(null, "audit", "verify", tampered, "--json");

        Assert.True(passed.ExitCode == 0, passed.Stdout + passed.Stderr);
        Assert.Contains("verified: 10 of 10 checks passed", passed.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        using var report = JsonDocument.Parse(failed.Stdout);
        var checks = report.RootElement[0].GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.False(checks["content-digest"].GetProperty("passed").GetBoolean());
        Assert.Contains("is not the record id", checks["content-digest"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(checks["request-signature"].GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task AuditVerify_ErasedEvidence_PrintsWhenAndWhyTheContentWasErased()
    {
        var (evidence, _) = await ExchangeAsync();
        var erasedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        var erased = Write(evidence with { Erasure = new ContentErasure(erasedAt, "holder") }, "erased");

        var human = await workspace.RunAsync(null, "audit", "verify", erased);
        var json = await workspace.RunAsync(null, "audit", "verify", erased, "--json");

        Assert.True(human.ExitCode == 0, human.Stdout + human.Stderr);
        Assert.Contains("content erased on 2026-11-30 09:15:00Z (holder)", human.Stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.Equal("holder", report.RootElement[0].GetProperty("erased").GetProperty("cause").GetString());
        Assert.Equal(erasedAt, report.RootElement[0].GetProperty("erased").GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AuditVerify_MissingOrMalformedFile_IsOneLineAndExitTwo()
    {
        var malformed = Path.Combine(workspace.Folder, "malformed.json");
        await File.WriteAllTextAsync(malformed, "{\"entry\": {\"chainId\": 31337}}");

        var missing = await workspace.RunAsync(null, "audit", "verify", Path.Combine(workspace.Folder, "nothing.json"));
        var broken = await workspace.RunAsync(null, "audit", "verify", malformed);

        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Single(broken.Stderr.Trim().Split('\n'));
        Assert.Contains("is not an evidence file", broken.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditReconcile_ReleasesWithTheirLogs_ExitZero_AndAReleaseNeverLogged_IsAViolationWithExitOne()
    {
        var (_, release) = await ExchangeAsync();
        var clean = await StoreAsync("clean", release);
        var registry = (await DeploymentFile.LoadAsync(workspace.DeploymentPath)).Registry;
        var unlogged = release with { EntryHash = Entry(registry, release.GrantId, release.RecordId, out var requestId).Hash(), RequestId = requestId, LogRoot = Random(), LogProof = [] };
        var violating = await StoreAsync("violating", release, unlogged);

        var passed = await workspace.RunAsync(null, "audit", "reconcile", "--data-dir", clean);
        var failed = await workspace.RunAsync(null, "audit", "reconcile", "--data-dir", violating, "--json");
        var human = await workspace.RunAsync(null, "audit", "reconcile", "--data-dir", violating);

        Assert.True(passed.ExitCode == 0, passed.Stdout + passed.Stderr);
        Assert.Contains("every release has its log on chain", passed.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        using var report = JsonDocument.Parse(failed.Stdout);
        var holder = report.RootElement.GetProperty("holder");
        Assert.Equal(2, holder.GetProperty("releases").GetInt32());
        var violation = Assert.Single(holder.GetProperty("violations").EnumerateArray());
        Assert.Equal("log-not-found", violation.GetProperty("kind").GetString());
        Assert.Equal(requestId.ToString(), violation.GetProperty("requestId").GetString());
        Assert.Equal(1, human.ExitCode);
        Assert.Contains($"VIOLATION release of request {requestId}", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditReconcile_StoreOfAnotherRegistry_IsOneLineAndExitTwo()
    {
        var directory = await StoreAsync("other-registry");
        using (var connection = new Database(directory).Connect())
        {
            Database.Execute(connection, "INSERT INTO deployment_binding (id, chain_id, registry, genesis_hash, bound_at) VALUES (1, 31337, '0x00000000000000000000000000000000000000aa', '0x00', 0)");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var run = await workspace.RunAsync(null, "audit", "reconcile", "--data-dir", directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Contains("serves registry 0x00000000000000000000000000000000000000aa", run.Stderr, StringComparison.Ordinal);
    }

    // CIVIL anchors a record and grants HEALTH; HEALTH logs its entry; the holder's answer and the grantee's request are
    // signed with the dev node keys the deployment published, as the nodes sign them.
    private async Task<(ExchangeEvidence Evidence, JournaledRelease Release)> ExchangeAsync()
    {
        var deployment = await DeploymentFile.LoadAsync(workspace.DeploymentPath);
        var options = new ChainOptions { RpcUrl = new Uri(workspace.Rpc), ChainId = ChainId };
        var civil = new RegistryClient(options, deployment.Registry, DevAccounts.Get(1, ChainId));
        var health = new RegistryClient(options, deployment.Registry, DevAccounts.Get(2, ChainId));
        var record = Random();
        (await civil.Documents.AnchorAsync(record)).Unwrap();
        var grantId = (await civil.Grants.GrantAsync(record, Digest.Zero, [], Health, 1, DateTimeOffset.UtcNow.AddDays(1), Random(), GrantTerms.Default)).Unwrap().GrantId;
        var entry = Entry(deployment.Registry, grantId, record, out _);
        var (tree, log) = await EvidenceBuilder.LogAsync(health, entry);
        await workspace.IncreaseTimeAsync(1);
        using var granteeKeys = NodeKeys.Load("dev:2", ChainId);
        using var holderKeys = NodeKeys.Load("dev:1", ChainId);
        var request = EvidenceBuilder.SignRequest(EvidenceBuilder.RequestBody(entry, tree), Health, granteeKeys, ChainId, deployment.Registry).Request;
        var release = new JournaledRelease(entry.Hash(), entry.RequestId, grantId, record, Civil, Health, null, tree.Root, log.BlockNumber, record,
            "application/octet-stream", [1], [2], DateTimeOffset.UtcNow, null) { LogProof = tree.GetProof(entry.Hash()) };
        var response = EvidenceBuilder.SignResponse(release.ToRelease(), Civil, holderKeys, ChainId, deployment.Registry);
        return (EvidenceBuilder.Evidence(entry, tree, log, request, response, record), release);
    }

    private static AccessEntry Entry(string registry, System.Numerics.BigInteger grantId, Digest record, out Digest requestId)
    {
        requestId = Random();
        return new AccessEntry(ChainId, registry, grantId, record, Civil, Health, requestId, Digest.Zero);
    }

    private string Write(ExchangeEvidence evidence, string name)
    {
        var path = Path.Combine(workspace.Folder, $"{name}-{evidence.Entry.RequestId}.json");
        File.WriteAllBytes(path, EvidenceJson.Write(evidence));
        return path;
    }

    // A node store whose release journal holds <paramref name="releases"/>.
    private async Task<string> StoreAsync(string name, params JournaledRelease[] releases)
    {
        var directory = Path.Combine(workspace.Folder, $"{name}-{Guid.NewGuid():N}");
        var database = new Database(directory);
        database.EnsureCreated();
        using (var journal = new ReleaseJournal(database))
        {
            foreach (var release in releases)
            {
                await journal.AppendAsync(release, 10);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return directory;
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
