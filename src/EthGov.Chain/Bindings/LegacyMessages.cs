using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the registry's revocation of documents anchored in registry 1.x (ILegacyDocuments).
namespace EthGov.Chain.Bindings;

[Function("revokeLegacy")]
public sealed class RevokeLegacyFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32", "digest", 2)] public byte[] Digest { get; set; } = [];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("uint16", "reason", 4)] public ushort Reason { get; set; }
}

[Function("legacyRevocation", typeof(LegacyRevocationOutput))]
public sealed class LegacyRevocationFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("bytes32", "digest", 2)] public byte[] Digest { get; set; } = [];
}

[FunctionOutput]
public sealed class LegacyRevocationOutput : IFunctionOutputDTO
{
    [Parameter("bool", "revoked", 1)] public bool Revoked { get; set; }
    [Parameter("uint16", "reason", 2)] public ushort Reason { get; set; }
}

[Function("legacyRegistry", "address")]
public sealed class LegacyRegistryFunction : FunctionMessage;

[Function("legacyCutoverBlock", "uint64")]
public sealed class LegacyCutoverBlockFunction : FunctionMessage;

[Event("LegacyDocumentRevoked")]
public sealed class LegacyDocumentRevokedEvent : IEventDTO
{
    [Parameter("bytes32", "digest", 1, true)] public byte[] Digest { get; set; } = [];
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("bytes32", "root", 3, true)] public byte[] Root { get; set; } = [];
    [Parameter("uint16", "reason", 4, false)] public ushort Reason { get; set; }
}
