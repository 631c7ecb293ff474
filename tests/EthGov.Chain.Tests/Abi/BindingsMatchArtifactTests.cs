using System.Reflection;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Testing;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Util;

namespace EthGov.Chain.Tests.Abi;

/// <summary>
/// Every hand-written Nethereum binding against the ABI Hardhat compiled: each <c>[Function]</c> by name and input
/// types in order, its outputs field by field into nested structs and arrays, each <c>[Event]</c> by parameter types,
/// names and indexed flags, the deployment message by the constructor, and each EIP-712 <c>[Struct]</c> by the type
/// hash the contract's code holds. Parameter names are compared too, because two fields of one type bound in the wrong
/// order still decode, into the wrong properties; and every property must hold every value of its ABI type.
/// </summary>
/// <remarks>
/// <para>
/// The bindings stay hand-written and this test holds them to the artifact, rather than generating them with
/// Nethereum's code generator: the generator names classes and properties after the ABI (<c>RecordsOutputDTO</c>,
/// <c>ReturnValue1</c> for the registry's unnamed returns), so generated code would replace the names the chain adapter,
/// the API and the CLI use everywhere, and its output would be a second copy of the ABI to keep in step with the build.
/// A test that compares, and names each difference in words, keeps the readable names and still fails the build's
/// tests on any drift.
/// </para>
/// <para>
/// The registry declares the extension's functions itself (<c>ExtensionCalls</c>) with unnamed parameters, so the
/// bindings are checked against the registry's ABI, where calls go, with names taken from the extension's ABI; a test
/// checks that the registry declares everything the extension has. EthGov binds no custom errors: the
/// <see cref="RevertDecoder"/> decodes them with the registry's ABI itself, and <c>ChainProblemsTests</c> checks that
/// each has a problem.
/// </para>
/// </remarks>
public class BindingsMatchArtifactTests
{
    private static readonly CompiledAbi s_registry = CompiledAbi.Parse(RegistryArtifact.Embedded.AbiJson);
    private static readonly CompiledAbi s_extension = CompiledAbi.Parse(RegistryExtension.Artifact.AbiJson);

    /// <summary>
    /// State-changing functions EthGov itself never sends: the delegated (gasless) forms, which a relayer submits from
    /// its own client. A new state-changing function must be bound or listed here.
    /// </summary>
    private static readonly string[] s_sentByOtherClients = ["anchorBySig", "anchorBatchBySig", "revokeBySig"];

    private static IEnumerable<Type> SourceBindings(Type attribute)
        => typeof(AnchorFunction).Assembly.GetTypes().Where(t => t.Namespace == typeof(AnchorFunction).Namespace && t.GetCustomAttribute(attribute) is not null);

    /// <summary>The bindings the tests use to check the contract through views and functions EthGov does not call.</summary>
    private static IEnumerable<Type> TestBindings(Type attribute)
        => typeof(BindingsMatchArtifactTests).Assembly.GetTypes().Where(t => t.Namespace == typeof(Registry.CheckFunction).Namespace && t.GetCustomAttribute(attribute) is not null);

    [Fact]
    public void FunctionBindings_MatchTheCompiledAbi_InputsOutputsAndNames()
    {
        var source = SourceBindings(typeof(FunctionAttribute)).ToList();
        var tests = TestBindings(typeof(FunctionAttribute)).ToList();

        var problems = source.Concat(tests).SelectMany(b => BindingCheck.Function(b, s_registry, s_extension)).ToList();

        Assert.NotEmpty(source);
        Assert.NotEmpty(tests);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EventBindings_MatchTheCompiledAbi_TypesNamesAndIndexedFields()
    {
        var bindings = SourceBindings(typeof(EventAttribute)).ToList();

        var problems = bindings.SelectMany(b => BindingCheck.Event(b, s_registry)).ToList();

        Assert.NotEmpty(bindings);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryCompiledEvent_HasABinding()
    {
        var bound = SourceBindings(typeof(EventAttribute)).Select(t => ABITypedRegistry.GetEvent(t).Sha3Signature).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // EIP712DomainChanged belongs to OpenZeppelin's ERC-5267 and is never emitted by an immutable domain.
        var unbound = s_registry.Events.Where(e => e.Name != "EIP712DomainChanged" && !bound.Contains(Sha3Keccack.Current.CalculateHash(e.Signature))).Select(e => e.Signature);

        Assert.Empty(unbound);
    }

    [Fact]
    public void DeploymentBinding_MatchesTheConstructor()
    {
        Assert.Empty(BindingCheck.Constructor(typeof(RegistryDeployment), s_registry));
    }

    [Fact]
    public void StateChangingFunctions_AreBoundOrSentByOtherClients()
    {
        var bound = SourceBindings(typeof(FunctionAttribute)).Select(t => t.GetCustomAttribute<FunctionAttribute>()!.Name).ToHashSet();
        var changing = s_registry.Functions.Where(f => f.ChangesState).Select(f => f.Name).ToHashSet();

        Assert.DoesNotContain(changing, name => !bound.Contains(name) && !s_sentByOtherClients.Contains(name));
        Assert.All(s_sentByOtherClients, name => Assert.True(changing.Contains(name) && !bound.Contains(name), $"{name} is listed as sent by other clients"));
    }

    [Fact]
    public void ExtensionAbi_IsDeclaredByTheRegistry_SoCallsAndRevertsDecodeWithTheRegistrysAbi()
    {
        // Calls go to the registry's address and the RevertDecoder knows only the registry's ABI: whatever the extension's
        // code can answer, emit or revert with must be declared there alike.
        var missing = s_extension.Entries.Where(e => e.Kind is "function" or "event" or "error")
            .Where(e => s_registry.Find(e.Kind, e.Signature) is not { } declared
                || declared.OutputTypes != e.OutputTypes
                || !declared.Inputs.Select(p => p.Indexed).SequenceEqual(e.Inputs.Select(p => p.Indexed)))
            .Select(e => $"{e.Kind} {e.Signature} returns ({e.OutputTypes})");

        Assert.Empty(missing);
    }

    [Fact]
    public void LegacyBindings_AndTheBindingsShared_MatchTheRegistry1xArtifact()
    {
        // What EthGov still reads or finds in registry 1.x: its document views, its departments, threshold and version,
        // its anchoring events.
        var v1 = CompiledAbi.Parse(RegistryV1.Artifact.AbiJson);
        Type[] shared = [typeof(DepartmentFunction), typeof(DepartmentCountFunction), typeof(ThresholdFunction), typeof(VersionFunction)];
        var functions = typeof(Legacy.V1CheckFunction).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Legacy.V1CheckFunction).Namespace && t.GetCustomAttribute<FunctionAttribute>() is not null)
            .Concat(shared).ToList();

        var problems = functions.SelectMany(f => BindingCheck.Function(f, v1))
            .Concat(new[] { typeof(DocumentAnchoredEvent), typeof(BatchAnchoredEvent) }.SelectMany(e => BindingCheck.Event(e, v1)))
            .ToList();

        Assert.Equal(6, functions.Count);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TypedDataStructs_HashToATypeHashTheRegistrysCodeHolds()
    {
        // The contracts keep each EIP-712 type hash as a constant, which the compiler writes into the runtime code.
        var code = (RegistryArtifact.Embedded.DeployedBytecode + RegistryExtension.Artifact.DeployedBytecode + RegistryArtifact.PasskeyExtension.DeployedBytecode).ToLowerInvariant();
        var structs = new[] { typeof(AnchorFunction), typeof(BindingsMatchArtifactTests) }
            .SelectMany(t => t.Assembly.GetTypes())
            .Where(t => t.GetCustomAttribute<StructAttribute>() is not null && t.DeclaringType is null)
            .ToList();

        var problems = structs.SelectMany(t =>
        {
            var parameters = BoundParameter.Of(t);
            var type = $"{t.GetCustomAttribute<StructAttribute>()!.Name}({string.Join(",", parameters.Select(p => $"{p.Type} {p.Name}"))})";
            return parameters.Select(p => BoundParameter.ClrMismatch(p.Type, p.ClrType)).OfType<string>().Select(m => $"{t.Name}: {m}")
                .Concat(code.Contains(Sha3Keccack.Current.CalculateHash(type), StringComparison.Ordinal) ? [] : [$"{t.Name}: no type hash of {type} in the registry's code"]);
        }).ToList();

        Assert.True(structs.Count >= 3, $"only {structs.Count} EIP-712 structs found");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AbiHash_IsStableForTheEmbeddedArtifact()
    {
        Assert.Matches("^0x[0-9a-f]{64}$", RegistryArtifact.Embedded.AbiHash);
        Assert.Equal(RegistryArtifact.Embedded.AbiHash, RegistryArtifact.Parse(File.ReadAllText(RepositoryPaths.Combine("artifacts", "contracts", "EthGovRegistry.sol", "EthGovRegistry.json"))).AbiHash);
    }

    // The check itself: each wrong binding below differs from the artifact in one way, which must be reported.
    [Theory]
    [InlineData(nameof(NestedFieldOfAnotherTypeFunction), "output (NestedFieldOfAnotherTypeOutput) #1 'views' #6 'keyId': uint32 bound, uint16 compiled")]
    [InlineData(nameof(OutputOfAnotherTypeFunction), "#4 'compromisedSince': uint32 bound, uint64 compiled")]
    [InlineData(nameof(PropertyTooSmallFunction), "#4 'compromisedSince': uint64 does not fit a UInt32 property")]
    [InlineData(nameof(StructFieldsSwappedFunction), "#1 #1 'code': bound as 'name'")]
    [InlineData(nameof(ExtensionInputsSwappedFunction), "#1 'code': bound as 'name'")]
    [InlineData(nameof(InputOfAnotherTypeFunction), "anchor(bytes32,uint32) is not in the ABI, which has anchor(bytes32,uint64)")]
    [InlineData(nameof(ReturnTypeOfAnotherTypeFunction), "returns (uint64) in the binding, (uint32) compiled")]
    [InlineData(nameof(IndexedDifferentlyEvent), "#3 'validUntil': indexed True bound, False compiled")]
    public void Check_ABindingThatDiffersInOneWay_SaysHow(string binding, string expected)
    {
        var type = typeof(BindingsMatchArtifactTests).GetNestedType(binding, BindingFlags.NonPublic)!;

        var problems = (type.GetCustomAttribute<EventAttribute>() is not null ? BindingCheck.Event(type, s_registry) : BindingCheck.Function(type, s_registry, s_extension)).ToList();

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Check_NamesOfTheExtensionsFunctions_ComeFromTheExtensionsAbi()
    {
        // The registry declares proposeAddDepartment with unnamed parameters: without the extension's ABI a swap of its
        // two string parameters would go unseen.
        Assert.Empty(BindingCheck.Function(typeof(ExtensionInputsSwappedFunction), s_registry));
        Assert.NotEmpty(BindingCheck.Function(typeof(ExtensionInputsSwappedFunction), s_registry, s_extension));
    }

    [Function("records", typeof(NestedFieldOfAnotherTypeOutput))]
    private sealed class NestedFieldOfAnotherTypeFunction : FunctionMessage
    {
        [Parameter("tuple[]", "queries", 1)] public List<RecordQueryTuple> Queries { get; set; } = [];
    }

    [FunctionOutput]
    private sealed class NestedFieldOfAnotherTypeOutput : IFunctionOutputDTO
    {
        [Parameter("tuple[]", "views", 1)] public List<RecordViewWithAWideKeyId> Views { get; set; } = [];
    }

    private sealed class RecordViewWithAWideKeyId
    {
        [Parameter("bool", "anchored", 1)] public bool Anchored { get; set; }
        [Parameter("uint64", "anchoredAt", 2)] public ulong AnchoredAt { get; set; }
        [Parameter("uint64", "anchoredBlock", 3)] public ulong AnchoredBlock { get; set; }
        [Parameter("uint64", "validUntil", 4)] public ulong ValidUntil { get; set; }
        [Parameter("uint32", "documentCount", 5)] public uint DocumentCount { get; set; }
        [Parameter("uint32", "keyId", 6)] public uint KeyId { get; set; }
        [Parameter("uint64", "keyCompromisedSince", 7)] public ulong KeyCompromisedSince { get; set; }
        [Parameter("bool", "revoked", 8)] public bool Revoked { get; set; }
        [Parameter("bool", "superseded", 9)] public bool Superseded { get; set; }
        [Parameter("uint16", "revocationReason", 10)] public ushort RevocationReason { get; set; }
        [Parameter("bytes32", "successor", 11)] public byte[] Successor { get; set; } = [];
        [Parameter("uint8", "departmentStatus", 12)] public byte DepartmentStatus { get; set; }
    }

    [Function("keyOf", typeof(OutputOfAnotherTypeOutput))]
    private sealed class OutputOfAnotherTypeFunction : FunctionMessage
    {
        [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    }

    [FunctionOutput]
    private sealed class OutputOfAnotherTypeOutput : IFunctionOutputDTO
    {
        [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
        [Parameter("uint16", "keyId", 2)] public ushort KeyId { get; set; }
        [Parameter("bool", "active", 3)] public bool Active { get; set; }
        [Parameter("uint32", "compromisedSince", 4)] public uint CompromisedSince { get; set; }
    }

    [Function("keyOf", typeof(PropertyTooSmallOutput))]
    private sealed class PropertyTooSmallFunction : FunctionMessage
    {
        [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    }

    [FunctionOutput]
    private sealed class PropertyTooSmallOutput : IFunctionOutputDTO
    {
        [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
        [Parameter("uint16", "keyId", 2)] public ushort KeyId { get; set; }
        [Parameter("bool", "active", 3)] public bool Active { get; set; }
        [Parameter("uint64", "compromisedSince", 4)] public uint CompromisedSince { get; set; }
    }

    [Function("department", typeof(StructFieldsSwappedOutput))]
    private sealed class StructFieldsSwappedFunction : FunctionMessage
    {
        [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    }

    [FunctionOutput]
    private sealed class StructFieldsSwappedOutput : IFunctionOutputDTO
    {
        [Parameter("tuple", "", 1)] public DepartmentWithCodeAndNameSwapped Department { get; set; } = new();
    }

    private sealed class DepartmentWithCodeAndNameSwapped
    {
        [Parameter("string", "name", 1)] public string Name { get; set; } = "";
        [Parameter("string", "code", 2)] public string Code { get; set; } = "";
        [Parameter("uint8", "status", 3)] public byte Status { get; set; }
        [Parameter("address[]", "signers", 4)] public List<string> Signers { get; set; } = [];
    }

    [Function("proposeAddDepartment", "uint256")]
    private sealed class ExtensionInputsSwappedFunction : FunctionMessage
    {
        [Parameter("string", "name", 1)] public string Name { get; set; } = "";
        [Parameter("string", "code", 2)] public string Code { get; set; } = "";
        [Parameter("address", "signer", 3)] public string Signer { get; set; } = "";
        [Parameter("uint64", "deadline", 4)] public ulong Deadline { get; set; }
    }

    [Function("anchor")]
    private sealed class InputOfAnotherTypeFunction : FunctionMessage
    {
        [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
        [Parameter("uint32", "validUntil", 2)] public uint ValidUntil { get; set; }
    }

    [Function("threshold", "uint64")]
    private sealed class ReturnTypeOfAnotherTypeFunction : FunctionMessage;

    [Event("DocumentAnchored")]
    private sealed class IndexedDifferentlyEvent : IEventDTO
    {
        [Parameter("bytes32", "digest", 1, true)] public byte[] Digest { get; set; } = [];
        [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
        [Parameter("uint64", "validUntil", 3, true)] public ulong ValidUntil { get; set; }
    }
}
