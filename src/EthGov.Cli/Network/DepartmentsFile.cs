using System.Numerics;
using System.Text.Json;
using EthGov.Application.Nodes;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Cli.Common;
using Nethereum.Util;

namespace EthGov.Cli.Network;

/// <summary>One department of a departments file, with its references resolved.</summary>
/// <param name="Code">Short code, as the registry stores it.</param>
/// <param name="Name">Full name.</param>
/// <param name="Signer">The first signer's address (checksummed).</param>
/// <param name="Validator">The department's validator node, when the file names one.</param>
public sealed record NetworkDepartment(string Code, string Name, string Signer, EnodeUrl? Validator)
{
    /// <summary>The department's node entry to publish at deployment (its URL and public keys), when the file names one.</summary>
    public NodeSeed? Node { get; init; }
}

/// <summary>
/// The departments file that <c>ethgov deploy</c> and <c>ethgov besu network</c> read:
/// <c>{"threshold": n, "signerChangeDelay": seconds, "departments": [{"code", "name", "signer", "validator"?, "node"?}]}</c>.
/// </summary>
/// <remarks>
/// A signer is given as <c>dev:N</c> (chain 31337 only), as a keystore file (its address is read without the
/// password), or as an address. A validator is an enode URL or a file holding one. A node is
/// <c>{"url": base URL, "key": node key spec}</c>, published at deployment: the key is <c>dev:N</c> (chain 31337 only), the
/// public-key file <c>ethgov node keygen</c> writes beside a key file (so the deployer holds no department's private
/// key), or the key file itself; only the public halves are used. Paths are relative to the departments file. Stand-in addresses (the zero address, 0x…01 and everything up to 0xffff, where the precompiles
/// live) are refused: nobody holds their keys, and a registry deployed with them has departments that can never act.
/// </remarks>
public static class DepartmentsFile
{
    /// <summary>Addresses at or below this value are stand-ins, never someone's key.</summary>
    private static readonly BigInteger s_highestPlaceholder = 0xffff;

    /// <summary>Reads and resolves <paramref name="path"/> for chain <paramref name="chainId"/>.</summary>
    public static (IReadOnlyList<NetworkDepartment> Departments, uint Threshold, ulong? SignerChangeDelay) Read(string path, ulong chainId)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"departments file '{path}' does not exist");
        }

        FileModel file;
        try
        {
            file = JsonSerializer.Deserialize<FileModel>(File.ReadAllText(path), JsonSerializerOptions.Web)
                ?? throw new CliException($"departments file '{path}' is empty");
        }
        catch (JsonException ex)
        {
            throw new CliException($"departments file '{path}' is not valid JSON: {ex.Message}");
        }

        if (file.Departments is not { Count: > 0 })
        {
            throw new CliException($"departments file '{path}' lists no departments");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var departments = file.Departments.Select(d =>
        {
            if (string.IsNullOrWhiteSpace(d.Code) || string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.Signer))
            {
                throw new CliException($"departments file '{path}': every department needs a code, a name and a signer");
            }

            return new NetworkDepartment(d.Code, d.Name, ResolveSigner(d.Code, d.Signer, folder, chainId), d.Validator is null ? null : ResolveValidator(d.Code, d.Validator, folder))
            {
                Node = d.Node is null ? null : ResolveNode(d.Code, d.Node, folder, chainId),
            };
        }).ToList();

        var shared = departments.GroupBy(d => d.Signer, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
        {
            throw new CliException($"departments {string.Join(" and ", shared.Select(d => d.Code))} have the same signer {shared.Key}");
        }

        return (departments, file.Threshold, file.SignerChangeDelay);
    }

    /// <summary>Whether <paramref name="address"/> is a stand-in (zero, 0x…01 .. 0x…ffff) rather than a key someone holds.</summary>
    public static bool IsPlaceholder(string address) =>
        BigInteger.Parse("0" + address[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture) <= s_highestPlaceholder;

    private static string ResolveSigner(string code, string signer, string folder, ulong chainId)
    {
        if (signer.StartsWith("dev:", StringComparison.Ordinal))
        {
            try
            {
                return KeyLoader.Load(signer, chainId).Address;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                throw new CliException($"department {code}: {ex.Message}");
            }
        }

        if (signer.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(signer))
            {
                throw new CliException($"department {code}: signer '{signer}' is not an address (0x + 40 hex digits)");
            }

            return IsPlaceholder(signer)
                ? throw new CliException($"department {code}: signer {signer} is a placeholder address that nobody holds the key of; give the signer's keystore file or its real address")
                : AddressUtil.Current.ConvertToChecksumAddress(signer);
        }

        var keystore = Path.Combine(folder, signer);
        if (!File.Exists(keystore))
        {
            throw new CliException($"department {code}: signer keystore '{keystore}' does not exist (create it with `ethgov keys new {keystore}`, or give the signer's address)");
        }

        try
        {
            var address = KeyLoader.ReadKeystoreAddress(keystore);
            return IsPlaceholder(address)
                ? throw new CliException($"department {code}: keystore '{keystore}' names the placeholder address {address}")
                : address;
        }
        catch (InvalidDataException ex)
        {
            throw new CliException($"department {code}: {ex.Message}");
        }
    }

    private static NodeSeed ResolveNode(string code, NodeModel node, string folder, ulong chainId)
    {
        if (string.IsNullOrWhiteSpace(node.Url) || string.IsNullOrWhiteSpace(node.Key))
        {
            throw new CliException($"department {code}: a node needs a url and a key (\"node\": {{\"url\": \"https://…\", \"key\": \"nodes/{code}.node.pub\"}})");
        }

        if (NodeUrl.Problem(node.Url) is { } problem)
        {
            throw new CliException($"department {code}: node url '{CliOutput.OneLine(node.Url)}': {problem}");
        }

        var spec = node.Key.StartsWith("dev:", StringComparison.Ordinal) ? node.Key : Path.Combine(folder, node.Key);
        try
        {
            var keys = NodeKeys.LoadPublic(spec, chainId);
            return new NodeSeed(node.Url, keys.Signing, keys.Encryption);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FileNotFoundException or InvalidDataException)
        {
            throw new CliException($"department {code}: node key: {ex.Message}");
        }
    }

    private static EnodeUrl ResolveValidator(string code, string validator, string folder)
    {
        var text = validator;
        if (!validator.StartsWith(EnodeUrl.Scheme, StringComparison.Ordinal))
        {
            var file = Path.Combine(folder, validator);
            if (!File.Exists(file))
            {
                throw new CliException($"department {code}: validator file '{file}' does not exist (it holds the node's enode URL, see docs/besu.md)");
            }

            text = File.ReadAllText(file).Trim();
        }

        return EnodeUrl.TryParse(text, out var enode, out var problem)
            ? enode
            : throw new CliException($"department {code}: validator '{CliOutput.OneLine(text)}' is not an enode URL: {problem}");
    }

    private sealed record FileModel(uint Threshold, ulong? SignerChangeDelay, List<EntryModel>? Departments);

    private sealed record EntryModel(string Code, string Name, string Signer, string? Validator, NodeModel? Node);

    private sealed record NodeModel(string? Url, string? Key);
}
