using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the department and governance functions of EthGovRegistry (docs/contracts.md).
namespace EthGov.Chain.Bindings;

/// <summary>The EthGovPasskeyExtension's deployment: no constructor arguments.</summary>
public sealed class PasskeyExtensionDeployment : ContractDeploymentMessage
{
    public PasskeyExtensionDeployment() : base(Abi.RegistryArtifact.PasskeyExtension.Bytecode) { }
}

/// <summary>
/// Constructor of EthGovRegistry: the initial departments (one first signer each, and each one's node entry, with an
/// empty URL for none), the quorum threshold, the delay of signer changes, the registry 1.x it takes over from (the
/// zero address for none) and its passkey extension, deployed before it.
/// </summary>
public sealed class RegistryDeployment : ContractDeploymentMessage
{
    public RegistryDeployment() : base(Abi.RegistryArtifact.Embedded.Bytecode) { }

    [Parameter("string[]", "codes", 1)] public List<string> Codes { get; set; } = [];
    [Parameter("string[]", "names", 2)] public List<string> Names { get; set; } = [];
    [Parameter("address[]", "signers", 3)] public List<string> Signers { get; set; } = [];
    [Parameter("string[]", "nodeUrls", 4)] public List<string> NodeUrls { get; set; } = [];
    [Parameter("bytes[]", "nodeSigningKeys", 5)] public List<byte[]> NodeSigningKeys { get; set; } = [];
    [Parameter("bytes[]", "nodeEncryptionKeys", 6)] public List<byte[]> NodeEncryptionKeys { get; set; } = [];
    [Parameter("uint32", "initialThreshold", 7)] public uint Threshold { get; set; }
    [Parameter("uint64", "signerChangeDelaySeconds", 8)] public ulong SignerChangeDelaySeconds { get; set; }
    [Parameter("address", "legacyRegistryAddress", 9)] public string LegacyRegistry { get; set; } = ZeroAddress;
    [Parameter("address", "passkeyExtension", 10)] public string PasskeyExtension { get; set; } = ZeroAddress;

    /// <summary>The address that means "no registry 1.x".</summary>
    public const string ZeroAddress = "0x0000000000000000000000000000000000000000";
}

[Function("proposeAddDepartment", "uint256")]
public sealed class ProposeAddDepartmentFunction : FunctionMessage
{
    [Parameter("string", "code", 1)] public string Code { get; set; } = "";
    [Parameter("string", "name", 2)] public string Name { get; set; } = "";
    [Parameter("address", "signer", 3)] public string Signer { get; set; } = "";
    [Parameter("uint64", "deadline", 4)] public ulong Deadline { get; set; }
}

[Function("proposeSuspendDepartment", "uint256")]
public sealed class ProposeSuspendDepartmentFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint64", "deadline", 2)] public ulong Deadline { get; set; }
}

[Function("proposeRestoreDepartment", "uint256")]
public sealed class ProposeRestoreDepartmentFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint64", "deadline", 2)] public ulong Deadline { get; set; }
}

[Function("proposeThreshold", "uint256")]
public sealed class ProposeThresholdFunction : FunctionMessage
{
    [Parameter("uint32", "newThreshold", 1)] public uint NewThreshold { get; set; }
    [Parameter("uint64", "deadline", 2)] public ulong Deadline { get; set; }
}

[Function("proposeReplaceSigners", "uint256")]
public sealed class ProposeReplaceSignersFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("address[]", "newSigners", 2)] public List<string> NewSigners { get; set; } = [];
    [Parameter("uint64", "deadline", 3)] public ulong Deadline { get; set; }
}

[Function("proposeReportCompromisedKey", "uint256")]
public sealed class ProposeReportCompromisedKeyFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    [Parameter("uint64", "compromisedSince", 2)] public ulong CompromisedSince { get; set; }
    [Parameter("uint64", "deadline", 3)] public ulong Deadline { get; set; }
}

[Function("approve")]
public sealed class ApproveFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
}

[Function("execute")]
public sealed class ExecuteFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
}

[Function("reportCompromisedKey")]
public sealed class ReportCompromisedKeyFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    [Parameter("uint64", "compromisedSince", 2)] public ulong CompromisedSince { get; set; }
}

[Function("threshold", "uint32")]
public sealed class ThresholdFunction : FunctionMessage;

[Function("departmentCount", "uint32")]
public sealed class DepartmentCountFunction : FunctionMessage;

[Function("department", typeof(DepartmentOutput))]
public sealed class DepartmentFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
}

[Function("departmentIdByCode", "uint32")]
public sealed class DepartmentIdByCodeFunction : FunctionMessage
{
    [Parameter("string", "code", 1)] public string Code { get; set; } = "";
}

[Function("departmentOf", typeof(DepartmentOfOutput))]
public sealed class DepartmentOfFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
}

[Function("key", typeof(KeyOutput))]
public sealed class KeyFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint16", "keyId", 2)] public ushort KeyId { get; set; }
}

[Function("proposal", typeof(ProposalOutput))]
public sealed class ProposalFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
}

[Function("liveApprovals", "uint32")]
public sealed class LiveApprovalsFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
}

[FunctionOutput]
public sealed class DepartmentOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public DepartmentTuple Department { get; set; } = new();
}

/// <summary>The contract's Department struct.</summary>
public sealed class DepartmentTuple
{
    [Parameter("string", "code", 1)] public string Code { get; set; } = "";
    [Parameter("string", "name", 2)] public string Name { get; set; } = "";
    [Parameter("uint8", "status", 3)] public byte Status { get; set; }
    [Parameter("address[]", "signers", 4)] public List<string> Signers { get; set; } = [];
}

[FunctionOutput]
public sealed class DepartmentOfOutput : IFunctionOutputDTO
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("bool", "active", 2)] public bool Active { get; set; }
}

[FunctionOutput]
public sealed class KeyOutput : IFunctionOutputDTO
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    [Parameter("uint64", "compromisedSince", 2)] public ulong CompromisedSince { get; set; }
}

[FunctionOutput]
public sealed class ProposalOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public ProposalTuple Proposal { get; set; } = new();
}

/// <summary>The contract's Proposal struct: <see cref="Data"/> is ABI-encoded per kind (IDepartmentRegistry's NatSpec).</summary>
public sealed class ProposalTuple
{
    [Parameter("uint8", "kind", 1)] public byte Kind { get; set; }
    [Parameter("uint32", "proposer", 2)] public uint Proposer { get; set; }
    [Parameter("uint32", "targetDepartment", 3)] public uint TargetDepartment { get; set; }
    [Parameter("uint64", "deadline", 4)] public ulong Deadline { get; set; }
    [Parameter("bool", "executed", 5)] public bool Executed { get; set; }
    [Parameter("uint32[]", "approvers", 6)] public List<uint> Approvers { get; set; } = [];
    [Parameter("bytes", "data", 7)] public byte[] Data { get; set; } = [];
}

[Event("DepartmentAdded")]
public sealed class DepartmentAddedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
    [Parameter("string", "code", 2, false)] public string Code { get; set; } = "";
    [Parameter("string", "name", 3, false)] public string Name { get; set; } = "";
}

[Event("DepartmentSuspended")]
public sealed class DepartmentSuspendedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
}

[Event("DepartmentRestored")]
public sealed class DepartmentRestoredEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
}

[Event("SignerAdded")]
public sealed class SignerAddedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
    [Parameter("address", "signer", 2, true)] public string Signer { get; set; } = "";
    [Parameter("uint16", "keyId", 3, false)] public ushort KeyId { get; set; }
}

[Event("SignerRemoved")]
public sealed class SignerRemovedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
    [Parameter("address", "signer", 2, true)] public string Signer { get; set; } = "";
    [Parameter("uint16", "keyId", 3, false)] public ushort KeyId { get; set; }
}

[Event("KeyCompromised")]
public sealed class KeyCompromisedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
    [Parameter("address", "key", 2, true)] public string Key { get; set; } = "";
    [Parameter("uint16", "keyId", 3, false)] public ushort KeyId { get; set; }
    [Parameter("uint64", "since", 4, false)] public ulong Since { get; set; }
}

[Event("ThresholdChanged")]
public sealed class ThresholdChangedEvent : IEventDTO
{
    [Parameter("uint32", "oldThreshold", 1, false)] public uint OldThreshold { get; set; }
    [Parameter("uint32", "newThreshold", 2, false)] public uint NewThreshold { get; set; }
}

[Event("ProposalCreated")]
public sealed class ProposalCreatedEvent : IEventDTO
{
    [Parameter("uint256", "proposalId", 1, true)] public BigInteger ProposalId { get; set; }
    [Parameter("uint8", "kind", 2, false)] public byte Kind { get; set; }
    [Parameter("uint32", "proposer", 3, true)] public uint Proposer { get; set; }
    [Parameter("uint64", "deadline", 4, false)] public ulong Deadline { get; set; }
}

[Event("ProposalApproved")]
public sealed class ProposalApprovedEvent : IEventDTO
{
    [Parameter("uint256", "proposalId", 1, true)] public BigInteger ProposalId { get; set; }
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("uint32", "approvals", 3, false)] public uint Approvals { get; set; }
}

[Event("ProposalExecuted")]
public sealed class ProposalExecutedEvent : IEventDTO
{
    [Parameter("uint256", "proposalId", 1, true)] public BigInteger ProposalId { get; set; }
}
