using EthGov.Api.ChainState;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Storage;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.Data.Sqlite;

namespace EthGov.Api.Tests.ChainState;

/// <summary>A data directory bound to a registry 1.x, started on the deployment that took over from it.</summary>
public sealed class DeploymentBindingTests
{
    private static readonly Deployment s_v1 = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", 1, "0x" + new string('a', 64), "0x01",
        DateTimeOffset.UnixEpoch, [], 2);

    private static readonly Deployment s_v2 = s_v1 with { Registry = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", Block = 10, Legacy = new LegacyRegistry(s_v1.Registry, 10) };

    [Fact]
    public void Apply_MigrationFrom1x_KeepsWhatWasConfirmedBeforeTheCutoverAndQueuesTheRestWithTheNewIds()
    {
        var data = Directory.CreateTempSubdirectory("ethgov-binding-").FullName;
        var outbox = OutboxV1.Create(data, s_v1);
        var (before, after, waiting) = (NewDigest(), NewDigest(), NewDigest());
        outbox.Confirmed(2, before, [before], Outcome(9));
        outbox.Confirmed(2, after, [after], Outcome(10));
        outbox.Accepted(waiting, 3);

        // HEALTH was department 2 in 1.x and is 1 in the new registry; TRANSPORT moved from 3 to 2.
        var done = DeploymentBinding.Apply(new Database(data), s_v2, reanchor: false, new Dictionary<uint, uint> { [2] = 1, [3] = 2 });

        Assert.Contains("migration from registry 1.x", done, StringComparison.Ordinal);
        var batches = Rows(data, "SELECT state, department, registry, issuer, tx_hash IS NULL FROM batches ORDER BY id");
        Assert.Equal(["1 1 " + s_v1.Registry + " 2 0", "0 1   1"], batches);
        Assert.Equal(["1", "1", "2"], Rows(data, "SELECT department FROM documents ORDER BY id"));
        Assert.Equal([s_v2.Registry], Rows(data, "SELECT registry FROM deployment_binding"));
    }

    [Fact]
    public void Apply_MigrationWithDocumentsOfADepartmentTheNewRegistryLacks_RefusesToStart()
    {
        var data = Directory.CreateTempSubdirectory("ethgov-binding-").FullName;
        OutboxV1.Create(data, s_v1).Accepted(NewDigest(), 4);

        var refused = Assert.Throws<InvalidOperationException>(() => DeploymentBinding.Apply(new Database(data), s_v2, reanchor: false, new Dictionary<uint, uint> { [1] = 1 }));

        Assert.Contains("department(s) 4", refused.Message, StringComparison.Ordinal);
        Assert.Equal([s_v1.Registry], Rows(data, "SELECT registry FROM deployment_binding"));
    }

    private static Digest NewDigest() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static TransactionOutcome Outcome(ulong block) => new("0x" + new string('1', 64), block, "0x" + new string('2', 64), DateTimeOffset.UnixEpoch.AddDays(1), 0);

    private static List<string> Rows(string data, string sql) => DatabaseRows.Read(data, sql);
}
