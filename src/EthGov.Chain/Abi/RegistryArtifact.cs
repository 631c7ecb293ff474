using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.Model;

namespace EthGov.Chain.Abi;

/// <summary>
/// The compiled EthGovRegistry (ABI and bytecode) exactly as Hardhat wrote it: the build embeds
/// artifacts/contracts/EthGovRegistry.sol/EthGovRegistry.json, so ABI and bytecode cannot drift from the Solidity.
/// </summary>
public sealed class RegistryArtifact
{
    private static readonly Lazy<RegistryArtifact> s_embedded = new(() => LoadEmbedded("EthGovRegistry.json"));
    private static readonly Lazy<RegistryArtifact> s_passkeyExtension = new(() => LoadEmbedded("EthGovPasskeyExtension.json"));

    private RegistryArtifact(string abiJson, string bytecode, string deployedBytecode)
    {
        AbiJson = abiJson;
        Bytecode = bytecode;
        DeployedBytecode = deployedBytecode;
        Abi = new ABIJsonDeserialiser().DeserialiseContract(abiJson);
        AbiHash = "0x" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(abiJson)));
    }

    /// <summary>The artifact compiled into this assembly.</summary>
    public static RegistryArtifact Embedded => s_embedded.Value;

    /// <summary>
    /// The compiled EthGovPasskeyExtension, deployed before the registry, which runs the passkey functions by DELEGATECALL.
    /// It has no constructor and no immutables, so its code on chain equals <see cref="DeployedBytecode"/>.
    /// </summary>
    public static RegistryArtifact PasskeyExtension => s_passkeyExtension.Value;

    /// <summary>The ABI as JSON.</summary>
    public string AbiJson { get; }

    /// <summary>The ABI as Nethereum's model.</summary>
    public ContractABI Abi { get; }

    /// <summary>Creation bytecode (0x-prefixed).</summary>
    public string Bytecode { get; }

    /// <summary>Runtime bytecode (0x-prefixed), compared with eth_getCode to detect a different contract.</summary>
    public string DeployedBytecode { get; }

    /// <summary>SHA-256 of the ABI JSON, recorded in deployment files.</summary>
    public string AbiHash { get; }

    /// <summary>Parses a Hardhat artifact file.</summary>
    public static RegistryArtifact Parse(string artifactJson)
    {
        using var doc = JsonDocument.Parse(artifactJson);
        var root = doc.RootElement;
        return new RegistryArtifact(
            root.GetProperty("abi").GetRawText(),
            root.GetProperty("bytecode").GetString() ?? throw new InvalidDataException("artifact has no bytecode"),
            root.GetProperty("deployedBytecode").GetString() ?? throw new InvalidDataException("artifact has no deployedBytecode"));
    }

    private static RegistryArtifact LoadEmbedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded; compile the contracts first");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
