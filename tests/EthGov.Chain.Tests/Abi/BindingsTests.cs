using System.Reflection;
using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace EthGov.Chain.Tests.Abi;

public class BindingsTests
{
    private static readonly RegistryArtifact s_artifact = RegistryArtifact.Embedded;

    private static IEnumerable<Type> BindingTypes(Type attribute) =>
        typeof(AnchorFunction).Assembly.GetTypes().Where(t => t.GetCustomAttribute(attribute) is not null);

    [Fact]
    public void FunctionBindings_AllExistInCompiledAbi_WithTheSameSignature()
    {
        var compiled = s_artifact.Abi.Functions.Select(f => f.Sha3Signature).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bindings = BindingTypes(typeof(FunctionAttribute)).ToList();

        Assert.NotEmpty(bindings);
        foreach (var type in bindings)
        {
            var abi = ABITypedRegistry.GetFunctionABI(type);
            Assert.True(compiled.Contains(abi.Sha3Signature), $"{type.Name} ({abi.Name}) is not in the compiled ABI");
        }
    }

    [Fact]
    public void EventBindings_CoverEveryCompiledEvent_WithTheSameSignature()
    {
        var bound = BindingTypes(typeof(EventAttribute)).Select(t => ABITypedRegistry.GetEvent(t).Sha3Signature).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // EIP712DomainChanged belongs to OpenZeppelin's ERC-5267 and is never emitted by an immutable domain.
        foreach (var compiled in s_artifact.Abi.Events.Where(e => e.Name != "EIP712DomainChanged"))
        {
            Assert.True(bound.Contains(compiled.Sha3Signature), $"event {compiled.Name} has no binding or a different signature");
        }
    }

    [Fact]
    public void StateChangingFunctions_AllHaveABinding()
    {
        var bound = BindingTypes(typeof(FunctionAttribute)).Select(t => ABITypedRegistry.GetFunctionABI(t).Sha3Signature).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var function in s_artifact.Abi.Functions.Where(f => !f.Constant))
        {
            Assert.True(bound.Contains(function.Sha3Signature), $"{function.Name} can change state but has no binding");
        }
    }

    [Fact]
    public void AbiHash_IsStableForTheEmbeddedArtifact()
    {
        Assert.Matches("^0x[0-9a-f]{64}$", s_artifact.AbiHash);
        Assert.Equal(s_artifact.AbiHash, RegistryArtifact.Parse(File.ReadAllText(EthGov.Testing.RepositoryPaths.Combine("artifacts", "contracts", "EthGovRegistry.sol", "EthGovRegistry.json"))).AbiHash);
    }
}
