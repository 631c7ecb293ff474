using Xunit;

namespace EthGov.Testing;

/// <summary>
/// A test of the SQLite file itself (its bytes, its lock, its query planner): skipped, with its reason, when
/// the run's stores are PostgreSQL (<see cref="TestStore.Variable"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    /// <summary>Skips the test on a PostgreSQL run for <paramref name="reason"/>.</summary>
    public SqliteOnlyFactAttribute(string reason)
    {
        Reason = reason;
        if (TestStore.IsPostgres)
        {
            Skip = "SQLite only: " + reason;
        }
    }

    /// <summary>Why the test means SQLite.</summary>
    public string Reason { get; }
}
