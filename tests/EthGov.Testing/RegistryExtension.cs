using EthGov.Chain.Abi;

namespace EthGov.Testing;

/// <summary>
/// The compiled EthGovRegistryExtension, which the registry creates and runs by DELEGATECALL. EthGov never calls it by
/// its own address, so only the tests read its artifact: its ABI names the parameters the registry's declarations
/// leave unnamed and lists the errors and events its code can raise on the registry's behalf.
/// </summary>
public static class RegistryExtension
{
    private static readonly Lazy<RegistryArtifact> s_artifact = new(() => RegistryArtifact.Parse(File.ReadAllText(ArtifactPath)));

    /// <summary>The artifact's path, as <c>npx hardhat compile</c> writes it.</summary>
    public static string ArtifactPath => RepositoryPaths.Combine("artifacts", "contracts", "extension", "EthGovRegistryExtension.sol", "EthGovRegistryExtension.json");

    /// <summary>The extension's artifact (ABI and bytecode).</summary>
    public static RegistryArtifact Artifact => s_artifact.Value;
}
