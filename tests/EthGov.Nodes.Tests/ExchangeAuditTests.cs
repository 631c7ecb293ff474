using EthGov.Application.Audit;
using EthGov.Application.Storage;
using EthGov.Application.Verification;
using EthGov.Chain.Registry;
using EthGov.Core.Exchange;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// What two real nodes leave after an exchange passes the audit that <c>ethgov audit</c> runs: the evidence file the
/// grantee's node wrote verifies against the chain on every check, and both nodes' journals reconcile without violation.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ExchangeAuditTests(NodeCluster cluster)
{
    [Fact]
    public async Task Exchange_EvidenceFileVerifies_AndBothJournalsReconcile()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record);
        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, TimeSpan.FromSeconds(90));
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        await cluster.IncreaseTimeAsync(1);

        var reader = cluster.Reader();
        var evidence = EvidenceJson.Read(await File.ReadAllBytesAsync(Path.Combine(grantee.Settings.DataDirectory, "evidence", $"{created.RequestId}.json")));
        // The chain alone: the file must carry all an auditor needs (the record's batch proof included), no node is asked.
        var verification = await new EvidenceVerifier(
            new AuditReads(reader.Context),
            (digest, department, proof, _) => ChainVerifier.VerifyAsync(reader.Documents, new VerificationQuery(digest) { DepartmentId = department, Proof = proof }))
            .VerifyAsync(evidence);
        var holderReport = (await new JournalReconciler(new Database(holder.Settings.DataDirectory), new AuditReads(reader.Context))
            .ReconcileAsync(31337, cluster.Deployment.Registry)).Unwrap();
        var granteeReport = (await new JournalReconciler(new Database(grantee.Settings.DataDirectory), new AuditReads(reader.Context))
            .ReconcileAsync(31337, cluster.Deployment.Registry)).Unwrap();

        Assert.True(verification.Passed, string.Join("; ", verification.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Reason}")));
        Assert.Equal([record], evidence.Records);
        Assert.Equal(record, Assert.Single(evidence.Anchors).Record);
        Assert.False(holderReport.HasViolations, string.Join("; ", holderReport.Holder.Violations.Select(v => v.Detail)));
        Assert.True(holderReport.Holder.Releases >= 1);
        Assert.Equal(holderReport.Holder.Releases, holderReport.Holder.Logged);
        Assert.False(granteeReport.HasViolations, string.Join("; ", granteeReport.Grantee.Violations.Select(v => v.Detail)));
        Assert.True(granteeReport.Grantee.Released >= 1);
    }
}
