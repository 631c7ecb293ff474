using System.Data.Common;
using EthGov.Application.Storage;

namespace EthGov.Application.Staff;

/// <summary>
/// The <c>staff_audit</c> table: one line per clerk's action, written and committed before the action runs. When it
/// cannot be written, <see cref="WriteAsync"/> throws <see cref="StaffAuditUnavailableException"/> and the action must
/// not run: what a clerk did is never missing from the audit.
/// </summary>
public sealed class StaffAudit(Database database, TimeProvider time)
{
    /// <summary>The longest target kept (a digest is 66 characters); longer ones are cut.</summary>
    public const int MaxTargetLength = 200;

    /// <summary>Writes one line; throws <see cref="StaffAuditUnavailableException"/> when it could not be committed.</summary>
    public async Task WriteAsync(string staffName, string department, string action, string? target, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.Connect();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO staff_audit (at, name, department, action, target) VALUES (@at, @name, @department, @action, @target)";
            insert.Parameters.AddWithValue("@at", time.GetUtcNow().ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("@name", staffName);
            insert.Parameters.AddWithValue("@department", department);
            insert.Parameters.AddWithValue("@action", action);
            insert.Parameters.AddWithValue("@target", target is null ? DBNull.Value : target.Length > MaxTargetLength ? target[..MaxTargetLength] : target);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new StaffAuditUnavailableException($"the staff audit could not be written ({StoreErrors.Code(ex)})", ex);
        }
    }

    /// <summary>The latest <paramref name="limit"/> lines of <paramref name="department"/>, newest first.</summary>
    public async Task<IReadOnlyList<StaffAuditLine>> LatestAsync(string department, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, at, name, department, action, target FROM staff_audit WHERE department = @department ORDER BY id DESC LIMIT @limit";
        select.Parameters.AddWithValue("@department", department);
        select.Parameters.AddWithValue("@limit", Math.Clamp(limit, 1, 1000));
        var lines = new List<StaffAuditLine>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new StaffAuditLine(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return lines;
    }
}
