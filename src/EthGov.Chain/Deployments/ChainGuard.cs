using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Deployments;

/// <summary>Checks that the node is the chain the configuration names, and that the registry is really there.</summary>
public static class ChainGuard
{
    /// <summary>The registry major version this code speaks; later minor versions only add to its ABI.</summary>
    public const int RegistryMajorVersion = 2;

    /// <summary>Fails when the node reports another chain id.</summary>
    internal static async Task RequireChainIdAsync(IWeb3 web3, ulong expected)
    {
        var actual = (ulong)(await web3.Eth.ChainId.SendRequestAsync()).Value;
        if (actual != expected)
        {
            throw new WrongChainException($"the node reports chain id {actual}, the configuration expects {expected}");
        }
    }

    /// <summary>
    /// Describes what is wrong with <paramref name="deployment"/> on the node <paramref name="options"/> name, or null when
    /// it is in place (see <see cref="DescribeMismatchAsync(IWeb3, Deployment)"/>). A node that cannot be reached throws
    /// the client's exception; <see cref="Rpc.RpcFailure.IsUnreachable"/> recognises it.
    /// </summary>
    public static Task<string?> DescribeMismatchAsync(ChainOptions options, Deployment deployment)
        => DescribeMismatchAsync(ChainConnection.CreateWeb3(options), deployment);

    /// <summary>
    /// Describes what is wrong with <paramref name="deployment"/> on the node, or null when it is in place: another chain
    /// id, another genesis (a wiped dev chain), no registry code at the address, a registry of another major version, or
    /// a registry whose fixed settings (deployment block, signer-change delay, passkey extension and its code, registry
    /// 1.x) differ from the file's.
    /// Bytecode is not compared: the registry's immutables (its extension's address among them) are filled in at
    /// deployment, so its runtime code never equals the artifact's.
    /// </summary>
    internal static async Task<string?> DescribeMismatchAsync(IWeb3 web3, Deployment deployment)
    {
        var chainId = (ulong)(await web3.Eth.ChainId.SendRequestAsync()).Value;
        if (chainId != deployment.ChainId)
        {
            return $"the node reports chain id {chainId}, the deployment is for {deployment.ChainId}";
        }

        var genesis = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(0));
        if (!string.Equals(genesis.BlockHash, deployment.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            return "the chain was reset: its genesis block differs from the one the registry was deployed on; redeploy (ethgov deploy) and re-anchor the outbox";
        }

        if (!await HasCodeAsync(web3, deployment.Registry))
        {
            return $"no contract code at the registry address {deployment.Registry}";
        }

        var version = await VersionAsync(web3, deployment.Registry);
        if (version is null)
        {
            return $"the contract at {deployment.Registry} is not an EthGov registry: it does not answer version()";
        }

        if (MajorOf(version) != RegistryMajorVersion)
        {
            return MajorOf(version) < RegistryMajorVersion
                ? $"the registry at {deployment.Registry} is version {version}; this EthGov speaks registry {RegistryMajorVersion}: deploy it with `ethgov deploy --migrate-from <this deployment file>` (docs/operations.md, the cut-over)"
                : $"the registry at {deployment.Registry} is version {version}; this EthGov speaks registry {RegistryMajorVersion}";
        }

        return await DescribeSettingsMismatchAsync(web3, deployment);
    }

    private static async Task<string?> DescribeSettingsMismatchAsync(IWeb3 web3, Deployment deployment)
    {
        var cutover = await QueryAsync<LegacyCutoverBlockFunction, ulong>(web3, deployment.Registry);
        if (cutover != deployment.Block)
        {
            return $"the registry at {deployment.Registry} was deployed in block {cutover}, the deployment file says {deployment.Block}";
        }

        var delay = await QueryAsync<SignerChangeDelayFunction, ulong>(web3, deployment.Registry);
        if (delay != deployment.SignerChangeDelay)
        {
            return $"the registry's signer-change delay is {delay} s, the deployment file says {deployment.SignerChangeDelay} s";
        }

        var legacy = await QueryAsync<LegacyRegistryFunction, string>(web3, deployment.Registry);
        var expected = deployment.Legacy?.Registry ?? RegistryDeployment.ZeroAddress;
        if (!string.Equals(legacy, expected, StringComparison.OrdinalIgnoreCase))
        {
            return $"the registry takes over from registry 1.x at {legacy}, the deployment file names {expected}";
        }

        var passkeyMismatch = await DescribePasskeyExtensionMismatchAsync(web3, deployment);
        if (passkeyMismatch is not null)
        {
            return passkeyMismatch;
        }

        if (deployment.Legacy is { } old)
        {
            if (old.CutoverBlock != deployment.Block)
            {
                return $"the deployment file's cut-over block {old.CutoverBlock} is not the registry's deployment block {deployment.Block}";
            }

            var oldVersion = await HasCodeAsync(web3, old.Registry) ? await VersionAsync(web3, old.Registry) : null;
            if (oldVersion is null || MajorOf(oldVersion) != 1)
            {
                return $"no registry 1.x at {old.Registry}, which the deployment names as the one it took over from";
            }
        }

        return null;
    }

    /// <summary>
    /// The registry must name the passkey extension the file names, and that address must hold exactly the compiled
    /// extension's code (it has no immutables, so unlike the registry's its code is compared byte for byte): another
    /// contract there would run with the registry's storage on every passkey call.
    /// </summary>
    private static async Task<string?> DescribePasskeyExtensionMismatchAsync(IWeb3 web3, Deployment deployment)
    {
        if (deployment.PasskeyExtension is not { } expected)
        {
            return $"the deployment file names no passkey extension (a registry before 2.3.0): redeploy (ethgov deploy)";
        }

        var named = await QueryAsync<PasskeyExtensionFunction, string>(web3, deployment.Registry);
        if (!string.Equals(named, expected, StringComparison.OrdinalIgnoreCase))
        {
            return $"the registry runs its passkey functions in {named}, the deployment file names {expected}";
        }

        var code = await web3.Eth.GetCode.SendRequestAsync(expected);
        if (!string.Equals(code, Abi.RegistryArtifact.PasskeyExtension.DeployedBytecode, StringComparison.OrdinalIgnoreCase))
        {
            return $"the code at the passkey extension {expected} is not the compiled EthGovPasskeyExtension";
        }

        return null;
    }

    private static async Task<bool> HasCodeAsync(IWeb3 web3, string address)
    {
        var code = await web3.Eth.GetCode.SendRequestAsync(address);
        return !string.IsNullOrEmpty(code) && code != "0x";
    }

    /// <summary>The <c>version()</c> of the registry at <paramref name="address"/> on the node <paramref name="options"/> name, or null when it is no registry.</summary>
    public static Task<string?> VersionAsync(ChainOptions options, string address)
        => VersionAsync(ChainConnection.CreateWeb3(options), address);

    /// <summary>The <c>version()</c> of the registry at <paramref name="address"/>, or null when it is no registry.</summary>
    internal static async Task<string?> VersionAsync(IWeb3 web3, string address)
    {
        try
        {
            var version = await QueryAsync<VersionFunction, string>(web3, address);
            return string.IsNullOrEmpty(version) ? null : version;
        }
        catch (Exception ex) when (ex is not (HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException
            or Nethereum.JsonRpc.Client.RpcClientTimeoutException or OperationCanceledException))
        {
            // A revert, or an answer that does not decode as a string: whatever it is, it is not a registry.
            return null;
        }
    }

    /// <summary>The major number of a registry version ("1.1.0" is 1), -1 when it has none.</summary>
    public static int MajorOf(string version)
        => int.TryParse(version.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : -1;

    private static Task<TOut> QueryAsync<TMessage, TOut>(IWeb3 web3, string address)
        where TMessage : Nethereum.Contracts.FunctionMessage, new()
        => web3.Eth.GetContractQueryHandler<TMessage>().QueryAsync<TOut>(address, new TMessage());
}
