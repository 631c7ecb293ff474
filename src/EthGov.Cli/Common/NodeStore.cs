using System.CommandLine;
using EthGov.Application.Storage;

namespace EthGov.Cli.Common;

/// <summary>
/// The node's store as the commands that open it see it (<c>apikey</c>, <c>staff</c>, <c>audit reconcile</c>): the data
/// directory they are given, and the node's own <c>EthGov:Storage</c> settings, read from the environment variables the
/// node reads, so a shell set up for the node needs nothing more. The connection string is best left in the environment:
/// given as an option, its password shows in the process list.
/// </summary>
public static class NodeStore
{
    /// <summary>The store's provider, as the node's <c>EthGov:Storage:Provider</c>.</summary>
    public static readonly Option<string> Provider = new("--store")
    {
        Description = "The node's store, as its EthGov:Storage:Provider: sqlite (the file in --data-dir) or postgres (env EthGov__Storage__Provider)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EthGov__Storage__Provider") ?? StorageOptions.Sqlite,
    };

    /// <summary>The PostgreSQL connection string, as the node's <c>EthGov:Storage:ConnectionString</c>.</summary>
    public static readonly Option<string?> ConnectionString = new("--store-connection")
    {
        Description = "With --store postgres: the node's Npgsql connection string, as its EthGov:Storage:ConnectionString (env EthGov__Storage__ConnectionString)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EthGov__Storage__ConnectionString"),
    };

    /// <summary>
    /// <see cref="Of"/> for a store a node made already: a SQLite data directory without its database file is refused before
    /// anything is created there (a mistyped directory stays missing).
    /// </summary>
    /// <exception cref="CliException">There is no SQLite database in <paramref name="dataDirectory"/>, or the settings are wrong.</exception>
    public static Database OfExisting(ParseResult parse, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var provider = (parse.GetValue(Provider) ?? StorageOptions.Sqlite).Trim();
        var file = Path.GetFullPath(Path.Combine(dataDirectory, Database.FileName));
        if ((provider.Length == 0 || provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase)) && !File.Exists(file))
        {
            throw new CliException($"no EthGov database at {file}: give the node's data directory (EthGov:DataDirectory) and store (EthGov:Storage)");
        }

        return Of(parse, dataDirectory);
    }

    /// <summary>The node's store for <paramref name="dataDirectory"/> with the store settings of <paramref name="parse"/>; not opened yet.</summary>
    /// <exception cref="CliException">The provider is unknown, or postgres comes without a connection string.</exception>
    public static Database Of(ParseResult parse, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var storage = new StorageOptions { Provider = parse.GetValue(Provider) ?? StorageOptions.Sqlite, ConnectionString = parse.GetValue(ConnectionString) };
        try
        {
            return new Database(dataDirectory, storage);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Replace(" (Parameter 'storage')", string.Empty, StringComparison.Ordinal));
        }
    }
}
