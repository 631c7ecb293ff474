using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the time-locked signer changes of EthGovRegistry (ISignerChanges).
namespace EthGov.Chain.Bindings;

[Function("requestAddSigner", "uint256")]
public sealed class RequestAddSignerFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    [Parameter("uint256", "deadline", 2)] public BigInteger Deadline { get; set; }
    [Parameter("bytes", "signature", 3)] public byte[] Signature { get; set; } = [];
}

[Function("requestRemoveSigner", "uint256")]
public sealed class RequestRemoveSignerFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
}

[Function("applySignerChange")]
public sealed class ApplySignerChangeFunction : FunctionMessage
{
    [Parameter("uint256", "changeId", 1)] public BigInteger ChangeId { get; set; }
}

[Function("cancelSignerChange")]
public sealed class CancelSignerChangeFunction : FunctionMessage
{
    [Parameter("uint256", "changeId", 1)] public BigInteger ChangeId { get; set; }
}

[Function("signerChangeDelay", "uint64")]
public sealed class SignerChangeDelayFunction : FunctionMessage;

[Event("SignerChangeRequested")]
public sealed class SignerChangeRequestedEvent : IEventDTO
{
    [Parameter("uint256", "changeId", 1, true)] public BigInteger ChangeId { get; set; }
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("uint8", "kind", 3, false)] public byte Kind { get; set; }
    [Parameter("address", "requestedBy", 4, false)] public string RequestedBy { get; set; } = "";
    [Parameter("uint64", "executableAt", 5, false)] public ulong ExecutableAt { get; set; }
    [Parameter("bytes", "data", 6, false)] public byte[] Data { get; set; } = [];
}

[Event("SignerChangeApplied")]
public sealed class SignerChangeAppliedEvent : IEventDTO
{
    [Parameter("uint256", "changeId", 1, true)] public BigInteger ChangeId { get; set; }
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("address", "appliedBy", 3, false)] public string AppliedBy { get; set; } = "";
}

[Event("SignerChangeCancelled")]
public sealed class SignerChangeCancelledEvent : IEventDTO
{
    [Parameter("uint256", "changeId", 1, true)] public BigInteger ChangeId { get; set; }
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("address", "cancelledBy", 3, false)] public string CancelledBy { get; set; } = "";
}

[Event("PendingSignerChangesCancelled")]
public sealed class PendingSignerChangesCancelledEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
}

[Function("signerChange", typeof(SignerChangeOutput))]
public sealed class SignerChangeFunction : FunctionMessage
{
    [Parameter("uint256", "changeId", 1)] public BigInteger ChangeId { get; set; }
}

[Function("signerChangeCount", "uint256")]
public sealed class SignerChangeCountFunction : FunctionMessage;

[FunctionOutput]
public sealed class SignerChangeOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public SignerChangeTuple Change { get; set; } = new();
}

/// <summary>
/// The contract's SignerChange struct: <see cref="Data"/> is <c>abi.encode(address signer)</c> for AddSigner and RemoveSigner,
/// <c>abi.encode(string url, bytes signingKey, bytes encryptionKey)</c> for SetNode.
/// </summary>
public sealed class SignerChangeTuple
{
    [Parameter("uint8", "kind", 1)] public byte Kind { get; set; }
    [Parameter("uint32", "departmentId", 2)] public uint DepartmentId { get; set; }
    [Parameter("address", "requestedBy", 3)] public string RequestedBy { get; set; } = "";
    [Parameter("uint64", "requestedAt", 4)] public ulong RequestedAt { get; set; }
    [Parameter("uint64", "executableAt", 5)] public ulong ExecutableAt { get; set; }
    [Parameter("uint8", "status", 6)] public byte Status { get; set; }
    [Parameter("bytes", "data", 7)] public byte[] Data { get; set; } = [];
}
