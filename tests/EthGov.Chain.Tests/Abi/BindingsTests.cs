using System.Collections;
using System.Reflection;
using System.Text.Json;
using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace EthGov.Chain.Tests.Abi;

public class BindingsTests
{
    private static readonly RegistryArtifact s_artifact = RegistryArtifact.Embedded;

    /// <summary>
    /// The registry's bindings, and the tests' bindings of the views EthGov does not call; the 1.x view bindings of
    /// EthGov.Chain.Legacy are checked against the 1.x artifact.
    /// </summary>
    private static IEnumerable<Type> BindingTypes(Type attribute) =>
        typeof(AnchorFunction).Assembly.GetTypes().Where(t => t.Namespace == typeof(AnchorFunction).Namespace)
            .Concat(typeof(BindingsTests).Assembly.GetTypes().Where(t => t.Namespace == typeof(Registry.CheckFunction).Namespace))
            .Where(t => t.GetCustomAttribute(attribute) is not null);

    [Fact]
    public void FunctionBindings_AllExistInCompiledAbi_WithTheSameSignatureAndOutputs()
    {
        var compiled = AbiShapes.Functions(s_artifact.AbiJson);
        var bindings = BindingTypes(typeof(FunctionAttribute)).ToList();

        Assert.NotEmpty(bindings);
        foreach (var type in bindings)
        {
            var abi = ABITypedRegistry.GetFunctionABI(type);
            Assert.True(compiled.TryGetValue(abi.Sha3Signature, out var outputs), $"{type.Name} ({abi.Name}) is not in the compiled ABI");
            Assert.True(outputs == AbiShapes.BindingOutputs(type), $"{type.Name} ({abi.Name}) returns ({AbiShapes.BindingOutputs(type)}), the compiled ABI ({outputs})");
        }
    }

    [Fact]
    public void OutputShapes_TellABindingThatDecodesOtherFieldsFromOneWithTheRightOnes()
    {
        // Same name and inputs, so the same selector: only the output shape tells them apart.
        var compiled = AbiShapes.Functions(s_artifact.AbiJson)[ABITypedRegistry.GetFunctionABI<RecordsFunction>().Sha3Signature];

        Assert.Equal(ABITypedRegistry.GetFunctionABI<RecordsFunction>().Sha3Signature, ABITypedRegistry.GetFunctionABI<WrongRecordsFunction>().Sha3Signature);
        Assert.Equal("(bool,uint64,uint64,uint64,uint32,uint16,uint64,bool,bool,uint16,bytes32,uint8)[]", compiled);
        Assert.Equal(compiled, AbiShapes.BindingOutputs(typeof(RecordsFunction)));
        Assert.NotEqual(compiled, AbiShapes.BindingOutputs(typeof(WrongRecordsFunction)));
    }

    [Fact]
    public void EventBindings_CoverEveryCompiledEvent_WithTheSameSignatureAndIndexedFields()
    {
        var bound = BindingTypes(typeof(EventAttribute)).ToDictionary(t => ABITypedRegistry.GetEvent(t).Sha3Signature, AbiShapes.BindingIndexed, StringComparer.OrdinalIgnoreCase);

        // EIP712DomainChanged belongs to OpenZeppelin's ERC-5267 and is never emitted by an immutable domain.
        foreach (var (signature, (name, indexed)) in AbiShapes.Events(s_artifact.AbiJson).Where(e => e.Value.Name != "EIP712DomainChanged"))
        {
            Assert.True(bound.TryGetValue(signature, out var boundIndexed), $"event {name} has no binding or a different signature");
            Assert.True(indexed == boundIndexed, $"event {name}: indexed fields {boundIndexed} in the binding, {indexed} compiled");
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
    public void LegacyBindings_AndTheBindingsShared_MatchTheRegistry1xArtifact()
    {
        // What EthGov still reads or finds in registry 1.x: its document views, its departments, its anchoring events.
        var v1 = EthGov.Testing.RegistryV1.Artifact.AbiJson;
        var functions = AbiShapes.Functions(v1);
        var events = AbiShapes.Events(v1);
        Type[] shared = [typeof(DepartmentFunction), typeof(DepartmentCountFunction), typeof(ThresholdFunction), typeof(VersionFunction)];
        var legacy = typeof(Legacy.V1CheckFunction).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Legacy.V1CheckFunction).Namespace && t.GetCustomAttribute<FunctionAttribute>() is not null)
            .Concat(shared).ToList();

        Assert.Equal(6, legacy.Count);
        foreach (var type in legacy)
        {
            var abi = ABITypedRegistry.GetFunctionABI(type);
            Assert.True(functions.TryGetValue(abi.Sha3Signature, out var outputs), $"{type.Name} ({abi.Name}) is not in the 1.x ABI");
            Assert.True(outputs == AbiShapes.BindingOutputs(type), $"{type.Name} returns ({AbiShapes.BindingOutputs(type)}), 1.x ({outputs})");
        }

        foreach (var type in new[] { typeof(DocumentAnchoredEvent), typeof(BatchAnchoredEvent) })
        {
            var signature = ABITypedRegistry.GetEvent(type).Sha3Signature;
            Assert.True(events.TryGetValue(signature, out var compiled) && compiled.Indexed == AbiShapes.BindingIndexed(type), $"{type.Name} differs in 1.x");
        }
    }

    [Fact]
    public void AbiHash_IsStableForTheEmbeddedArtifact()
    {
        Assert.Matches("^0x[0-9a-f]{64}$", s_artifact.AbiHash);
        Assert.Equal(s_artifact.AbiHash, RegistryArtifact.Parse(File.ReadAllText(EthGov.Testing.RepositoryPaths.Combine("artifacts", "contracts", "EthGovRegistry.sol", "EthGovRegistry.json"))).AbiHash);
    }

    [Function("records", typeof(WrongRecordsOutput))]
    private sealed class WrongRecordsFunction : FunctionMessage
    {
        [Parameter("tuple[]", "queries", 1)] public List<RecordQueryTuple> Queries { get; set; } = [];
    }

    [FunctionOutput]
    private sealed class WrongRecordsOutput : IFunctionOutputDTO
    {
        [Parameter("tuple[]", "views", 1)] public List<DocumentViewLike> Views { get; set; } = [];
    }

    private sealed class DocumentViewLike
    {
        [Parameter("bool", "anchored", 1)] public bool Anchored { get; set; }
        [Parameter("uint64", "anchoredAt", 2)] public ulong AnchoredAt { get; set; }
    }
}

/// <summary>Canonical type lists (e.g. <c>(uint32,bytes32)[]</c>) of an ABI's functions and of Nethereum bindings.</summary>
internal static class AbiShapes
{
    /// <summary>Each function of <paramref name="abiJson"/> by its 4-byte selector (hex, no 0x): its outputs' canonical types.</summary>
    public static Dictionary<string, string> Functions(string abiJson)
    {
        using var abi = JsonDocument.Parse(abiJson);
        var functions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in abi.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "function"))
        {
            var signature = $"{entry.GetProperty("name").GetString()}({List(entry.GetProperty("inputs"))})";
            functions[Selector(signature)] = List(entry.GetProperty("outputs"));
        }

        return functions;
    }

    /// <summary>Each event by its topic (hex, no 0x): its name and which fields are indexed, as "1,0,1".</summary>
    public static Dictionary<string, (string Name, string Indexed)> Events(string abiJson)
    {
        using var abi = JsonDocument.Parse(abiJson);
        var events = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in abi.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "event"))
        {
            var name = entry.GetProperty("name").GetString()!;
            var topic = Nethereum.Util.Sha3Keccack.Current.CalculateHash($"{name}({List(entry.GetProperty("inputs"))})");
            events[topic] = (name, string.Join(",", entry.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("indexed").GetBoolean() ? 1 : 0)));
        }

        return events;
    }

    /// <summary>The canonical output types a function binding decodes.</summary>
    public static string BindingOutputs(Type function)
    {
        var attribute = function.GetCustomAttribute<FunctionAttribute>()!;
        if (attribute.DTOReturnType is { } dto)
        {
            return Fields(dto);
        }

        return attribute.ReturnType ?? string.Empty;
    }

    /// <summary>Which fields of an event binding are indexed, as "1,0,1".</summary>
    public static string BindingIndexed(Type @event)
        => string.Join(",", Parameters(@event).Select(p => p.Attribute.Parameter.Indexed ? 1 : 0));

    private static string Fields(Type type) => string.Join(",", Parameters(type).Select(p => Canonical(p.Attribute.Parameter.Type, p.Property.PropertyType)));

    private static IEnumerable<(PropertyInfo Property, ParameterAttribute Attribute)> Parameters(Type type)
        => type.GetProperties()
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(p => p.Attribute is not null)
            .OrderBy(p => p.Attribute!.Parameter.Order)
            .Select(p => (p.Property, p.Attribute!));

    private static string Canonical(string abiType, Type clrType)
    {
        if (abiType == "tuple")
        {
            return $"({Fields(clrType)})";
        }

        if (abiType == "tuple[]")
        {
            var element = clrType.IsArray ? clrType.GetElementType()! : clrType.GetGenericArguments().Single();
            return $"({Fields(element)})[]";
        }

        return abiType;
    }

    private static string List(JsonElement parameters) => string.Join(",", parameters.EnumerateArray().Select(Canonical));

    private static string Canonical(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString()!;
        return type.StartsWith("tuple", StringComparison.Ordinal)
            ? $"({List(parameter.GetProperty("components"))}){type["tuple".Length..]}"
            : type;
    }

    private static string Selector(string signature) => Nethereum.Util.Sha3Keccack.Current.CalculateHash(signature)[..8];
}
