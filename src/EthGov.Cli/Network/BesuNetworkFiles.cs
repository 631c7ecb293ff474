using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Cli.Common;

namespace EthGov.Cli.Network;

/// <summary>A file written by <see cref="BesuNetworkFiles"/> and its SHA-256, which every department can compare.</summary>
public sealed record WrittenFile(string Path, string Sha256);

/// <summary>
/// Writes the files every Besu node of the network shares, from the departments file and the genesis template:
/// <c>genesis.json</c> (the template plus the QBFT <c>extraData</c> naming each department's validator) and
/// <c>permissions_config.toml</c> (the node allowlist: the departments' validators; the account allowlist: their
/// signers). The output depends on nothing but the inputs, so each department can generate the files itself and
/// compare hashes instead of trusting one operator's copy.
/// </summary>
public static class BesuNetworkFiles
{
    /// <summary>The genesis file's name.</summary>
    public const string GenesisFileName = "genesis.json";

    /// <summary>The permissions file's name: where Besu looks for it in a node's data path.</summary>
    public const string PermissionsFileName = "permissions_config.toml";

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>The chain id a genesis template sets.</summary>
    public static ulong ReadChainId(string templatePath) =>
        ReadTemplate(templatePath)["config"]?["chainId"]?.GetValue<ulong>()
            ?? throw new CliException($"genesis template '{templatePath}' has no config.chainId");

    /// <summary>Writes both files into <paramref name="outFolder"/> and returns them.</summary>
    public static async Task<IReadOnlyList<WrittenFile>> WriteAsync(IReadOnlyList<NetworkDepartment> departments, string templatePath, string outFolder, CancellationToken cancellationToken)
    {
        var missing = departments.FirstOrDefault(d => d.Validator is null);
        if (missing is not null)
        {
            throw new CliException($"department {missing.Code} names no validator: add \"validator\": its node's enode URL or a file holding it");
        }

        var validators = departments.Select(d => d.Validator!).ToList();
        var sharedKey = validators.GroupBy(v => v.PublicKey).FirstOrDefault(g => g.Count() > 1);
        if (sharedKey is not null)
        {
            throw new CliException($"two departments name the same validator key {sharedKey.Key[..16]}…");
        }

        var genesis = ReadTemplate(templatePath);
        if (genesis["config"]?["qbft"] is null)
        {
            throw new CliException($"genesis template '{templatePath}' has no config.qbft section");
        }

        // Sorted, so the bytes do not depend on the order of the departments file.
        genesis["extraData"] = QbftExtraData.Encode(validators.Select(v => v.ValidatorAddress.ToLowerInvariant()).Order(StringComparer.Ordinal));

        var permissions = new StringBuilder()
            .AppendLine("# Besu local permissioning for the EthGov network, written by `ethgov besu network`.")
            .AppendLine("# Every node holds the same lists: only the departments' validators connect, only their signers send transactions.")
            .AppendLine(Invariant($"accounts-allowlist=[{string.Join(",", departments.Select(d => Quote(d.Signer.ToLowerInvariant())))}]"))
            .AppendLine(Invariant($"nodes-allowlist=[{string.Join(",", validators.Select(v => Quote(v.ToString())))}]"))
            .ToString();

        return
        [
            await WriteAsync(Path.Combine(outFolder, GenesisFileName), genesis.ToJsonString(s_indented) + "\n", cancellationToken),
            await WriteAsync(Path.Combine(outFolder, PermissionsFileName), permissions, cancellationToken),
        ];
    }

    private static JsonObject ReadTemplate(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"genesis template '{path}' does not exist");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new CliException($"genesis template '{path}' is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new CliException($"genesis template '{path}' is not valid JSON: {ex.Message}");
        }
    }

    private static async Task<WrittenFile> WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAllTextAsync(path, text, cancellationToken);
        return new WrittenFile(path, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    private static string Quote(string value) => $"\"{value}\"";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
