using System.Security.Cryptography;
using EthGov.Api.Configuration;
using EthGov.Api.Signers;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Storage;
using EthGov.Testing;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;
using Microsoft.Data.Sqlite;

namespace EthGov.Api.Tests.Signers;

/// <summary>
/// A data directory belongs to the departments it served: it refuses to drop one with unanchored work, and to take on a
/// department it never served while it holds the outbox of one that is left out; it may grow, and it may let go of a
/// department whose work is all anchored. (Through a real API process: <c>SingleSenderTests</c> in the fault suite.)
/// </summary>
public sealed class ServedDepartmentsTests
{
    private static readonly IReadOnlyList<DepartmentInfo> s_departments =
    [
        new(1, "CIVIL", "Civil Registry Office", DepartmentStatus.Active, ["0x01"]),
        new(2, "HEALTH", "Department of Health", DepartmentStatus.Active, ["0x02"]),
        new(3, "TRANSPORT", "Transport Licensing Authority", DepartmentStatus.Active, ["0x03"]),
    ];

    [Fact]
    public void Apply_NewDataDirectory_RecordsTheConfiguredDepartments()
    {
        var database = NewDatabase();

        var served = ServedDepartments.Apply(database, ["CIVIL"], s_departments);

        Assert.Equal("data directory serves CIVIL", served);
        Assert.Equal(["CIVIL"], Rows(database, "SELECT code FROM served_departments"));
    }

    [Fact]
    public void Apply_AnotherDepartmentOnAnEmptyDirectoryItServed_IsAllowed()
    {
        var database = NewDatabase();
        ServedDepartments.Apply(database, ["CIVIL"], s_departments);

        ServedDepartments.Apply(database, ["HEALTH"], s_departments);

        Assert.Equal(["CIVIL", "HEALTH"], Rows(database, "SELECT code FROM served_departments ORDER BY code"));
    }

    [Fact]
    public void Apply_LeavingOutADepartmentWithARevocationNotYetConfirmed_Refuses()
    {
        var database = NewDatabase();
        ServedDepartments.Apply(database, ["CIVIL", "HEALTH"], s_departments);
        Execute(database, "INSERT INTO document_changes (department, digest, kind, state, recorded_at) VALUES (2, @digest, 0, 0, 0)", new byte[32]);

        var refused = Assert.Throws<StartupRefusedException>(() => ServedDepartments.Apply(database, ["CIVIL"], s_departments));

        Assert.Contains("holds unanchored work of HEALTH (1 revocations or supersessions not yet confirmed), but no signer of HEALTH is configured", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_LeavingOutADepartmentWhoseBatchIsNotConfirmed_Refuses_AndOnceConfirmed_Allows()
    {
        var database = NewDatabase();
        ServedDepartments.Apply(database, ["CIVIL", "HEALTH"], s_departments);
        Execute(database, "INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES (@digest, 2, 0, 0)", RandomNumberGenerator.GetBytes(32));
        Execute(database, "INSERT INTO batches (department, valid_until, root, members, state, created_at) SELECT 2, 0, digest, digest, 0, 0 FROM documents");

        var refused = Assert.Throws<StartupRefusedException>(() => ServedDepartments.Apply(database, ["CIVIL"], s_departments));
        Execute(database, "UPDATE batches SET state = 1");
        var served = ServedDepartments.Apply(database, ["CIVIL"], s_departments);

        Assert.Contains("unanchored work of HEALTH (1 documents not yet anchored)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("data directory serves CIVIL; it keeps the anchored documents of HEALTH, which have no signer here", served);
    }

    [Fact]
    public void Apply_ADepartmentItNeverServed_InPlaceOfOneWhoseOutboxItHolds_Refuses_ButBesideIt_Allows()
    {
        var database = NewDatabase();
        ServedDepartments.Apply(database, ["CIVIL"], s_departments);
        Execute(database, "INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES (@digest, 1, 0, 0)", RandomNumberGenerator.GetBytes(32));
        Execute(database, "INSERT INTO batches (department, valid_until, root, members, state, created_at) SELECT 1, 0, digest, digest, 1, 0 FROM documents");

        var refused = Assert.Throws<StartupRefusedException>(() => ServedDepartments.Apply(database, ["TRANSPORT"], s_departments));
        var grown = ServedDepartments.Apply(database, ["CIVIL", "TRANSPORT"], s_departments);

        Assert.Contains("EthGov:Signers:TRANSPORT: the data directory", refused.Message, StringComparison.Ordinal);
        Assert.Contains("belongs to CIVIL and never served TRANSPORT; it holds the outbox of CIVIL (1 documents)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("data directory serves CIVIL, TRANSPORT", grown);
    }

    [Fact]
    public void Apply_ADirectoryFromBeforeItRemembered_CountsTheDepartmentsWhoseDocumentsItHolds()
    {
        var database = NewDatabase();
        Execute(database, "INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES (@digest, 3, 0, 0)", RandomNumberGenerator.GetBytes(32));

        var refused = Assert.Throws<StartupRefusedException>(() => ServedDepartments.Apply(database, ["CIVIL"], s_departments));

        Assert.Contains("unanchored work of TRANSPORT (1 documents not yet anchored)", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Rows(database, "SELECT code FROM served_departments"));
    }

    private static Database NewDatabase()
    {
        var database = TestStore.Database(Directory.CreateTempSubdirectory("ethgov-served-").FullName);
        database.EnsureCreated();
        return database;
    }

    // Portable SQL on both stores: a digest goes in as @digest, not through SQLite's randomblob or zeroblob.
    private static void Execute(Database database, string sql, byte[]? digest = null)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (digest is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@digest";
            parameter.Value = digest;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    private static List<string> Rows(Database database, string sql)
        => DatabaseRows.Read(Path.GetDirectoryName(database.Path)!, sql);
}
