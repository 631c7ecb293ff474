using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the key views of EthGovRegistry (IDepartmentRegistry: key ids, compromise reports).
namespace EthGov.Chain.Bindings;

[Function("keyOf", typeof(KeyOfOutput))]
public sealed class KeyOfFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
}

[Function("keyCount", "uint16")]
public sealed class KeyCountFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
}

[FunctionOutput]
public sealed class KeyOfOutput : IFunctionOutputDTO
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint16", "keyId", 2)] public ushort KeyId { get; set; }
    [Parameter("bool", "active", 3)] public bool Active { get; set; }
    [Parameter("uint64", "compromisedSince", 4)] public ulong CompromisedSince { get; set; }
}
