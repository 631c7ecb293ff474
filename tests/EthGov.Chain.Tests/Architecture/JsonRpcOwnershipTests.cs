using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using EthGov.Chain.Transactions;
using EthGov.Testing;
using NetArchTest.Rules;

namespace EthGov.Chain.Tests.Architecture;

/// <summary>
/// EthGov.Chain is the one project that talks JSON-RPC. A type talks JSON-RPC when it depends anywhere (fields,
/// signatures, base types, generic arguments, local variables, and the members its method bodies use, lambdas and
/// async state machines included) on one of these Nethereum parts:
/// <list type="bullet">
/// <item><c>Nethereum.RPC</c>: the typed <c>eth_*</c> requests and their wire types (<c>FilterLog</c>,
/// <c>BlockWithTransactionHashes</c>, <c>TransactionReceipt</c>, <c>BlockParameter</c>, <c>NewFilterInput</c>);</item>
/// <item><c>Nethereum.JsonRpc</c>: the clients and their exceptions (<c>RpcClient</c>, <c>RpcResponseException</c>);</item>
/// <item><c>Nethereum.Web3.Web3</c> and <c>IWeb3</c>: the client facade;</item>
/// <item>the parts of <c>Nethereum.Contracts</c> that call a node: contract, query, transaction and deployment handlers,
/// its services and <c>Event&lt;T&gt;</c>; and <c>Nethereum.BlockchainProcessing</c>, which crawls blocks and logs.</item>
/// </list>
/// Not JSON-RPC, so allowed everywhere: ABI encoding and the bindings' base types (<c>Nethereum.ABI</c>,
/// <c>FunctionMessage</c>), hex and address helpers (<c>Nethereum.Hex</c>, <c>Nethereum.Util</c>), keys and signatures
/// (<c>Nethereum.Signer</c>, <c>Nethereum.KeyStore</c>), and <c>Nethereum.Web3.Accounts.Account</c>: despite its
/// namespace it is a signing key from the Nethereum.Accounts package, which EthGov.Chain's public API takes as the
/// signer and which sends nothing until EthGov.Chain gives it a client.
/// Every project under <c>src/</c> but EthGov.Chain is checked, twice: NetArchTest names the types that depend on
/// these parts, and the assembly's type references (the metadata table every mention of an outside type goes through)
/// also catch what NetArchTest 1.3.2 does not look at: the signatures of the members a body calls, as in
/// <c>ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(options), deployment)</c>, which hands a Web3 over
/// without naming it. Tests and benchmarks are not checked: they read the chain directly on purpose, to check it
/// independently of the code under test.
/// </summary>
public sealed class JsonRpcOwnershipTests
{
    /// <summary>Namespaces (with everything below them) and types that are JSON-RPC, as the class summary explains.</summary>
    private static readonly string[] s_jsonRpc =
    [
        "Nethereum.RPC",
        "Nethereum.JsonRpc",
        "Nethereum.Web3.Web3",
        "Nethereum.Web3.IWeb3",
        "Nethereum.Contracts.ContractHandlers",
        "Nethereum.Contracts.QueryHandlers",
        "Nethereum.Contracts.TransactionHandlers",
        "Nethereum.Contracts.DeploymentHandlers",
        "Nethereum.Contracts.Services",
        "Nethereum.Contracts.Event`1",
        "Nethereum.BlockchainProcessing",
    ];

    /// <summary>Every project under src/ except EthGov.Chain, by project name.</summary>
    public static TheoryData<string> OtherSourceProjects()
    {
        var projects = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name != "EthGov.Chain")
            {
                projects.Add(name);
            }
        }

        return projects;
    }

    [Theory]
    [MemberData(nameof(OtherSourceProjects))]
    public void SourceProject_OtherThanEthGovChain_HasNoTypeThatDependsOnJsonRpc(string project)
    {
        var result = Types.InAssembly(Load(project)).Should().NotHaveDependencyOnAny(s_jsonRpc).GetResult();

        Assert.True(result.IsSuccessful,
            $"{project} talks JSON-RPC outside EthGov.Chain in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(OtherSourceProjects))]
    public void SourceProject_OtherThanEthGovChain_ReferencesNoJsonRpcType(string project)
    {
        var referenced = JsonRpcTypesReferencedBy(Load(project));

        Assert.True(referenced.Count == 0,
            $"{project} refers to JSON-RPC types outside EthGov.Chain: {string.Join(", ", referenced)}");
    }

    [Fact]
    public void BothRules_AppliedToEthGovChain_FindItsJsonRpcCode()
    {
        // The rules above pass by finding nothing; here they must find what EthGov.Chain is there to hold.
        var chain = typeof(ChainOptions).Assembly;

        var result = Types.InAssembly(chain).Should().NotHaveDependencyOnAny(s_jsonRpc).GetResult();
        var referenced = JsonRpcTypesReferencedBy(chain);

        Assert.Contains("EthGov.Chain.Registry.RegistryContext", result.FailingTypeNames ?? []);
        Assert.Contains("EthGov.Chain.Transactions.TransactionSender", result.FailingTypeNames ?? []);
        Assert.Contains("Nethereum.Web3.Web3", referenced);
        Assert.Contains("Nethereum.JsonRpc.Client.RpcResponseException", referenced);
        Assert.Contains("Nethereum.RPC.Eth.DTOs.TransactionReceipt", referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Nethereum.Web3.Accounts.", StringComparison.Ordinal));
    }

    /// <summary>The JSON-RPC types in <paramref name="assembly"/>'s type reference table, by full name.</summary>
    private static List<string> JsonRpcTypesReferencedBy(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var name = FullName(metadata, handle);
            if (s_jsonRpc.Any(rpc => name == rpc || name.StartsWith(rpc + ".", StringComparison.Ordinal) || name.StartsWith(rpc + "+", StringComparison.Ordinal)))
            {
                found.Add(name);
            }
        }

        return [.. found];
    }

    // A nested type's reference is scoped by its outer type's and carries no namespace of its own.
    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static Assembly Load(string project)
    {
        var file = Directory.GetFiles(RepositoryPaths.Combine("src"), project + ".csproj", SearchOption.AllDirectories).Single();
        var assemblyName = XDocument.Load(file).Descendants("AssemblyName").FirstOrDefault()?.Value ?? project;
        try
        {
            return Assembly.Load(assemblyName);
        }
        catch (FileNotFoundException)
        {
            Assert.Fail($"{project} ({assemblyName}.dll) is not in this test's output: add a ProjectReference to it in EthGov.Chain.Tests.csproj so that it is checked");
            throw;
        }
    }
}
