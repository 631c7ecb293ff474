using System.Security.Cryptography;
using EthGov.Application.Audit;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Storage;
using EthGov.Application.Tests.Exchange.Holder;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Testing;

namespace EthGov.Application.Tests.Audit;

/// <summary>
/// A node's journals reconciled with a real Hardhat node: releases by the real holder service reconcile clean; a release
/// whose log the chain does not hold (never logged, logged by another department, not in the root) is a violation; on
/// the grantee's side, a log without a release is listed, and a batch the chain never saw is a violation.
/// </summary>
public sealed class JournalReconcilerTests(HolderChain chain) : IClassFixture<HolderChain>, IDisposable
{
    private const ulong ChainId = 31337;
    private readonly string _directory = Directory.CreateTempSubdirectory("ethgov-audit-").FullName;

    [Fact]
    public async Task Reconcile_HolderJournalOfGenuineReleases_HasNoViolation_AndChecksEachInclusion()
    {
        var (database, journal) = Journal();
        using (journal)
        {
            await journal.AppendAsync(await ReleaseAsync(), 10);
            await journal.AppendAsync(await ReleaseAsync(), 10);
        }

        var report = await ReconcileAsync(database);

        Assert.False(report.HasViolations, string.Join("; ", report.Holder.Violations.Select(v => v.Detail)));
        Assert.Equal(2, report.Holder.Releases);
        Assert.Equal(2, report.Holder.Logged);
        Assert.Equal(2, report.Holder.Roots);
        Assert.Equal(0, report.Holder.ProofsNotKept);
    }

    [Fact]
    public async Task Reconcile_ReleasesWithoutAValidLog_AreViolations_EachWithItsReason()
    {
        var (database, journal) = Journal();
        var genuine = await ReleaseAsync();
        var neverLogged = Forged(chain.Entry(genuine.GrantId, genuine.RecordId), Random(), genuine.LogBlock, []);
        var byTransport = chain.Entry(genuine.GrantId, genuine.RecordId);
        var (transportTree, transportLog) = await EvidenceBuilder.LogAsync(chain.Transport3, byTransport);
        var otherDepartment = Forged(byTransport, transportTree.Root, transportLog.BlockNumber, transportTree.GetProof(byTransport.Hash()));
        var outside = chain.Entry(genuine.GrantId, genuine.RecordId);
        var notInRoot = Forged(outside, genuine.LogRoot, genuine.LogBlock, genuine.LogProof);
        using (journal)
        {
            foreach (var release in new[] { genuine, neverLogged, otherDepartment, notInRoot })
            {
                await journal.AppendAsync(release, 10);
            }
        }

        var report = await ReconcileAsync(database);

        Assert.True(report.HasViolations);
        Assert.Equal(4, report.Holder.Releases);
        Assert.Equal(1, report.Holder.Logged);
        Assert.Equal(
            [("log-not-found", neverLogged.RequestId), ("log-by-another-department", otherDepartment.RequestId), ("not-in-root", notInRoot.RequestId)],
            report.Holder.Violations.Select(v => (v.Kind, v.RequestId)));
        Assert.Contains($"logged by department {HolderChain.Transport}", report.Holder.Violations[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_GranteeLogWithoutRelease_IsListed_AndABatchTheChainNeverSaw_IsAViolation()
    {
        var database = TestStore.Database(_directory);
        database.EnsureCreated();
        using var store = new ExchangeStore(database);
        var pending = NewExchange(store);
        var refused = NewExchange(store);
        var logged = store.AddBatch(HolderChain.Health, AccessLogBatch.Form([pending.EntryHash, refused.EntryHash]), [pending.Id, refused.Id]);
        var outcome = (await chain.Health2.Grants.LogAccessBatchAsync(logged.Root, logged.Entries.Count)).Unwrap();
        store.ConfirmBatch(logged, outcome.TransactionHash, outcome.BlockNumber);
        store.Refuse(refused.Id, ExchangeRefusal.RecordRevoked, "record revoked");
        var unlogged = NewExchange(store);
        var phantom = store.AddBatch(HolderChain.Health, AccessLogBatch.Form([unlogged.EntryHash]), [unlogged.Id]);
        store.ConfirmBatch(phantom, null, outcome.BlockNumber);

        var report = await ReconcileAsync(database);

        Assert.Equal(3, report.Grantee.Logged);
        Assert.Equal(0, report.Grantee.Released);
        Assert.Equal(
            [("pending", pending.RequestId), ("refused", refused.RequestId)],
            report.Grantee.LogsWithoutRelease.Select(l => (l.Kind, l.RequestId)));
        Assert.Contains(ExchangeRefusal.RecordRevoked, report.Grantee.LogsWithoutRelease[1].Detail, StringComparison.Ordinal);
        Assert.Equal(
            [("log-not-found", (Digest?)phantom.Root), ("batch-not-found", phantom.Root)],
            report.Grantee.Violations.Select(v => (v.Kind, v.Root)));
        Assert.True(report.HasViolations);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private (Database Database, ReleaseJournal Journal) Journal()
    {
        var database = TestStore.Database(_directory);
        database.EnsureCreated();
        return (database, new ReleaseJournal(database));
    }

    private async Task<ReconcileReport> ReconcileAsync(Database database)
    {
        var reader = new RegistryClient(chain.Options, chain.Deployment.Registry);
        return (await new JournalReconciler(database, new AuditReads(reader.Context)).ReconcileAsync(ChainId, chain.Deployment.Registry)).Unwrap();
    }

    // A release by the real holder service on its own journal, after a real log by HEALTH.
    private async Task<JournaledRelease> ReleaseAsync()
    {
        var record = await chain.IssueAsync();
        var entry = chain.Entry(await chain.GrantAsync(record.Digest), record.Digest);
        var (tree, _) = await EvidenceBuilder.LogAsync(chain.Health2, entry);
        await chain.Node.CallAsync("evm_mine");
        var body = EvidenceBuilder.RequestBody(entry, tree);
        var answer = await chain.Service.ReleaseAsync(EvidenceBuilder.SignRequest(body, HolderChain.Health, chain.GranteeKeys, ChainId, chain.Deployment.Registry).Message, body);
        Assert.True(answer.Kind == HolderAnswerKind.Released, answer.Refusal?.Detail);
        return answer.Release!;
    }

    // A journal row as a holder that released without a valid log would write it.
    private static JournaledRelease Forged(AccessEntry entry, Digest root, ulong block, IReadOnlyList<Digest> proof) =>
        new(entry.Hash(), entry.RequestId, entry.GrantId, entry.RecordId, entry.Holder, entry.Grantee, null, root, block, entry.RecordId,
            "application/json", [1], [2], DateTimeOffset.UtcNow, null) { LogProof = proof };

    private ExchangeRecord NewExchange(ExchangeStore store)
    {
        var entry = chain.Entry(1, Random());
        return store.Create(new NewExchange(HolderChain.Health, entry.GrantId, entry.RecordId, HolderChain.Civil, entry.RequestId, entry.Hash(), true, 30));
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
