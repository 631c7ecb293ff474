using System.Numerics;
using EthGov.Application.Nodes;
using EthGov.Testing;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>Departments' nodes published on a test chain, as each department's own signer publishes its node.</summary>
internal static class PublishedNodes
{
    /// <summary>
    /// Has each department (by its dev account) ask to publish its node's URL and keys, lets the signer-change delay
    /// pass, and applies the changes.
    /// </summary>
    public static async Task PublishAsync(DevChain chain, params (int Account, NodeKeys Keys, string Url)[] nodes)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var changes = new List<(int Account, BigInteger Change)>();
        foreach (var (account, keys, url) in nodes)
        {
            var (_, change) = (await chain.ClientFor(account).Departments.RequestSetNodeAsync(url, keys.SigningPublicKey, keys.EncryptionPublicKey)).Unwrap();
            changes.Add((account, change));
        }

        await chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        foreach (var (account, change) in changes)
        {
            (await chain.ClientFor(account).Departments.ApplySignerChangeAsync(change)).Unwrap();
        }
    }
}
