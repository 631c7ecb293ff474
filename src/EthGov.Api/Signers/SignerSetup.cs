using EthGov.Api.Configuration;
using EthGov.Application.Storage;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;

namespace EthGov.Api.Signers;

/// <summary>
/// The start-up of a node's signers, in the order that keeps two senders apart: load each configured key and take its
/// sender lock (a second process with the key stops here), check on chain that each is a current key of its department
/// (<see cref="SignerKeyCheck"/>), and check that the data directory belongs to these departments
/// (<see cref="ServedDepartments"/>). Any refusal is one line and releases the locks taken.
/// </summary>
public sealed class SignerSetup
{
    private SignerSetup(SignerKeys keys, string served, IReadOnlyList<string> warnings)
    {
        Keys = keys;
        Served = served;
        Warnings = warnings;
    }

    /// <summary>The loaded keys, their locks held.</summary>
    public SignerKeys Keys { get; }

    /// <summary>What the data directory serves, for the log.</summary>
    public string Served { get; }

    /// <summary>Lines to log at Warning (a suspended department).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Runs the start-up checks.</summary>
    /// <exception cref="StartupRefusedException">A check failed; its message is the line to print.</exception>
    public static async Task<SignerSetup> RunAsync(IConfiguration configuration, ChainOptions chain, EthGovOptions options, Deployment deployment, Database database)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deployment);
        var keys = SignerKeys.Load(configuration, chain.ChainId, options.SenderLockDirectory);
        try
        {
            var reader = new RegistryClient(chain, deployment.Registry);
            var departments = await reader.Departments.ListAsync();
            if (!departments.IsSuccess)
            {
                throw new StartupRefusedException($"the registry's departments cannot be read to check EthGov:Signers: {departments.Error}");
            }

            var warnings = await SignerKeyCheck.CheckAsync(keys, reader, departments.Value);
            var served = ServedDepartments.Apply(database, [.. keys.Accounts.Keys], departments.Value);
            return new SignerSetup(keys, served, warnings);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }
}
