using System.CommandLine;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;

namespace EthGov.Cli.Common;

/// <summary>What a command needs from the global options: chain settings, the deployment, the signer and the output.</summary>
public sealed class CliContext
{
    private readonly ParseResult _parse;

    /// <summary>Reads the global options of <paramref name="parse"/>.</summary>
    public CliContext(ParseResult parse, TextWriter output, TextWriter error)
    {
        _parse = parse;
        Output = new CliOutput(output, error, parse.GetValue(GlobalOptions.Json));
    }

    /// <summary>Where results go.</summary>
    public CliOutput Output { get; }

    /// <summary>The chain id named on the command line, if any.</summary>
    public ulong? ExplicitChainId => _parse.GetValue(GlobalOptions.ChainId);

    /// <summary>Chain settings for <paramref name="chainId"/> (default: --chain-id, else 31337), with the gas price of --gas-price.</summary>
    public ChainOptions ChainOptions(ulong? chainId = null) => new()
    {
        RpcUrl = Uri.TryCreate(_parse.GetValue(GlobalOptions.Rpc), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new CliException($"--rpc '{_parse.GetValue(GlobalOptions.Rpc)}' is not an http(s) URL"),
        ChainId = ExplicitChainId ?? chainId ?? Chain.Transactions.ChainOptions.DevAccountsChainId,
        GasPriceWei = GasPriceWei(),
    };

    private long? GasPriceWei()
    {
        var text = _parse.GetValue(GlobalOptions.GasPrice);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var wei)
            ? wei
            : throw new CliException($"--gas-price '{text}' is not a whole number of wei (0 or more)");
    }

    /// <summary>The deployment file's path.</summary>
    public string DeploymentPath(ulong chainId) =>
        _parse.GetValue(GlobalOptions.Deployment) ?? DeploymentFile.PathFor("deployments", chainId);

    /// <summary>Loads the deployment named by the options.</summary>
    public async Task<Deployment> LoadDeploymentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deployment = await DeploymentFile.LoadAsync(DeploymentPath(ExplicitChainId ?? Chain.Transactions.ChainOptions.DevAccountsChainId), cancellationToken);
            if (ExplicitChainId is { } id && id != deployment.ChainId)
            {
                throw new CliException($"the deployment file is for chain {deployment.ChainId}, --chain-id is {id}");
            }

            return deployment;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>The deployment named by the options, or null when its file does not exist.</summary>
    public async Task<Deployment?> LoadDeploymentIfPresentAsync(CancellationToken cancellationToken)
        => File.Exists(DeploymentPath(ExplicitChainId ?? Chain.Transactions.ChainOptions.DevAccountsChainId)) ? await LoadDeploymentAsync(cancellationToken) : null;

    /// <summary>Whether department nodes on loopback and private addresses may be asked (--allow-private-nodes).</summary>
    public bool AllowPrivateNodes => _parse.GetValue(GlobalOptions.AllowPrivateNodes);

    /// <summary>Whether a signer key was named (--key-file or ETHGOV_KEY_FILE).</summary>
    public bool HasSigner => _parse.GetValue(GlobalOptions.KeyFile) is not null || Environment.GetEnvironmentVariable("ETHGOV_KEY_FILE") is not null;

    /// <summary>The signer named by --key-file (or ETHGOV_KEY_FILE), or <paramref name="fallback"/>.</summary>
    public SignerKey Signer(ulong chainId, string? fallback = null)
    {
        var spec = _parse.GetValue(GlobalOptions.KeyFile) ?? Environment.GetEnvironmentVariable("ETHGOV_KEY_FILE") ?? fallback
            ?? throw new CliException("this command signs a transaction: give --key-file <keystore> (or dev:N on chain 31337)");
        try
        {
            return KeyLoader.Load(spec, chainId, PasswordPrompt.Read);
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidOperationException)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>A client for the deployment's registry, signing when <paramref name="signed"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "signed means with a signing key, not the C type name.")]
    public async Task<(RegistryClient Client, Deployment Deployment)> ConnectAsync(bool signed, CancellationToken cancellationToken)
    {
        var deployment = await LoadDeploymentAsync(cancellationToken);
        var options = ChainOptions(deployment.ChainId);
        var signer = signed ? Signer(deployment.ChainId) : null;
        return (new RegistryClient(options, deployment.Registry, signer, deployment.Legacy), deployment);
    }
}
