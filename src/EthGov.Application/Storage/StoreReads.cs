using System.Data.Common;

namespace EthGov.Application.Storage;

/// <summary>Small reads the stores share inside their own transactions.</summary>
public static class StoreReads
{
    /// <summary>The first column of every row <paramref name="sql"/> returns, as department or batch ids.</summary>
    public static List<uint> Ids(DbConnection connection, DbTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<uint>();
        while (reader.Read())
        {
            ids.Add((uint)reader.GetInt64(0));
        }

        return ids;
    }
}
