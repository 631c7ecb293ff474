using System.Globalization;
using System.Text.Json;
using EthGov.Cli.Network;
using EthGov.Testing;
using Nethereum.Signer;
using Tomlyn;
using Tomlyn.Model;

namespace EthGov.Cli.Tests;

/// <summary>
/// The Besu profile (deploy/besu) checked by what runs here: Besu itself cannot be installed on these machines, so
/// its files are parsed and held against each other and against Besu's documented formats.
/// </summary>
public class BesuProfileTests
{
    private static string Profile(string file) => RepositoryPaths.Combine("deploy", "besu", file);

    private static TomlTable ReadToml(string path) => TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))!;

    private static ulong GenesisGasLimit()
    {
        using var genesis = JsonDocument.Parse(File.ReadAllText(Profile("genesis.template.json")));
        return Convert.ToUInt64(genesis.RootElement.GetProperty("gasLimit").GetString(), 16);
    }

    [Fact]
    public void NodeToml_EnablesBothAllowlistsFreeGasAndHoldsTheGenesisGasLimit()
    {
        var node = ReadToml(Profile("node.toml"));

        Assert.Equal(true, node["permissions-nodes-config-file-enabled"]);
        Assert.Equal(true, node["permissions-accounts-config-file-enabled"]);
        Assert.Equal(0L, node["min-gas-price"]);
        Assert.Equal((long)GenesisGasLimit(), node["target-gas-limit"]);
        Assert.Equal("127.0.0.1", node["rpc-http-host"]);
        Assert.DoesNotContain("*", ((TomlArray)node["host-allowlist"]).Cast<string>());
        Assert.DoesNotContain("PERM", ((TomlArray)node["rpc-http-api"]).Cast<string>());
    }

    [Fact]
    public void GenesisTemplate_HasTheBlockGasLimitThatDocsBesuMdJustifiesAndNoValidatorsOfItsOwn()
    {
        using var genesis = JsonDocument.Parse(File.ReadAllText(Profile("genesis.template.json")));
        var limit = GenesisGasLimit();
        var docs = File.ReadAllText(RepositoryPaths.Combine("docs", "besu.md"));

        Assert.False(genesis.RootElement.TryGetProperty("extraData", out _), "validators come from the departments file");
        Assert.InRange(limit, 8_000_000UL, 30_000_000UL);
        Assert.Contains($"Block gas limit {limit.ToString("N0", CultureInfo.InvariantCulture)}", docs, StringComparison.Ordinal);
        Assert.Contains($"`gasLimit` `0x{limit:x}`", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void DepartmentsFile_InTheRepository_NamesEverySignerAndValidatorByReferenceNotByAddress()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Profile("departments.json")));

        foreach (var department in file.RootElement.GetProperty("departments").EnumerateArray())
        {
            var signer = department.GetProperty("signer").GetString()!;
            Assert.False(signer.StartsWith("0x", StringComparison.OrdinalIgnoreCase), $"{signer} is an address written into the profile");
            Assert.EndsWith(".json", signer, StringComparison.Ordinal);
            Assert.EndsWith(".enode", department.GetProperty("validator").GetString(), StringComparison.Ordinal);
            // A node is published under an https URL with its public keys only: the deployer holds no department's node key.
            var node = department.GetProperty("node");
            Assert.StartsWith("https://", node.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.EndsWith(".node.pub", node.GetProperty("key").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000001")]
    [InlineData("0x0000000000000000000000000000000000000000")]
    [InlineData("0x000000000000000000000000000000000000ffff")]
    public async Task Deploy_WithAPlaceholderSigner_FailsNamingTheDepartmentBeforeSendingAnything(string placeholder)
    {
        var folder = Directory.CreateTempSubdirectory("ethgov-placeholder-").FullName;
        try
        {
            var departments = Path.Combine(folder, "departments.json");
            File.WriteAllText(departments, $$"""{"threshold":1,"departments":[{"code":"CIVIL","name":"Civil Registry Office","signer":"{{placeholder}}"}]}""");

            // Nothing listens on port 9: a deploy that got as far as the chain would fail differently.
            var run = await CliProcess.RunAsync(folder, null, "deploy", "--departments", departments, "--rpc", "http://127.0.0.1:9", "--chain-id", "31337");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"department CIVIL: signer {placeholder} is a placeholder address", run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "deployments", "31337.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void QbftExtraData_ReproducesTheExampleInBesusQbftDocumentation()
    {
        // Besu's documentation, "Configure QBFT consensus", genesis file for block header validator selection.
        string[] validators =
        [
            "0x64a702e6263b7297a96638cac6ae65e6541f4169", "0x3923390ad55e90c237593b3b0e401f3b08a03185",
            "0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692", "0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78",
        ];
        const string Documented = "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0";

        Assert.Equal(Documented, QbftExtraData.Encode(validators));
        Assert.Equal(validators, QbftExtraData.DecodeValidators(Documented));
    }

    [Fact]
    public void EnodeUrl_GivesTheValidatorAddressOfTheNodeKey()
    {
        var key = EthECKey.GenerateKey();
        var url = $"enode://{Convert.ToHexStringLower(key.GetPubKeyNoPrefix())}@10.0.1.10:30303";

        Assert.True(EnodeUrl.TryParse(url, out var enode, out _));
        Assert.Equal(key.GetPublicAddress(), enode.ValidatorAddress);
        Assert.Equal(url, enode.ToString());
    }

    [Theory]
    [InlineData("enode://{key}@validator.example.org:30303", "IP address")]
    [InlineData("enode://{key}", "IP address")]
    [InlineData("enode://{key}@10.0.1.10:70000", "IP address")]
    [InlineData("enode://00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000@10.0.1.10:30303", "not a point")]
    [InlineData("enode://1234@10.0.1.10:30303", "128 hex digits")]
    [InlineData("http://10.0.1.10:30303", "enode://")]
    public void EnodeUrl_RefusesWhatBesusAllowlistCannotUse(string text, string problemMentions)
    {
        var url = text.Replace("{key}", Convert.ToHexStringLower(EthECKey.GenerateKey().GetPubKeyNoPrefix()), StringComparison.Ordinal);

        Assert.False(EnodeUrl.TryParse(url, out _, out var problem));
        Assert.Contains(problemMentions, problem, StringComparison.Ordinal);
    }
}
