using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace EthGov.Chain.Transactions;

/// <summary>Creates Nethereum clients with EthGov's timeouts; the only place that builds an RPC client.</summary>
public static class ChainConnection
{
    /// <summary>A client that signs with <paramref name="account"/>, or a read-only one when it is null.</summary>
    public static Web3 CreateWeb3(ChainOptions options, EthGov.Chain.Keys.SignerKey? account = null)
    {
        var client = new RpcClient(options.RpcUrl) { OverridingRequestInterceptor = null };
        RpcClient.ConnectionTimeout = TimeSpan.FromSeconds(20);
        return account is null ? new Web3(client) : new Web3(account.Account, client);
    }
}
