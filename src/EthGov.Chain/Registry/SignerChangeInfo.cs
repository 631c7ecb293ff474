using System.Numerics;
using EthGov.Chain.Bindings;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace EthGov.Chain.Registry;

/// <summary>
/// A time-locked change a department requested to its own keys or node entry (ISignerChanges): applicable by any active signer of
/// the department from <see cref="ExecutableAt"/> on, cancellable by one of them (or by the quorum) until then.
/// </summary>
/// <param name="Id">The change id (ids start at 1).</param>
/// <param name="Kind">Adding or removing a key, or setting the department's node entry.</param>
/// <param name="DepartmentId">The department whose keys change.</param>
/// <param name="Signer">The key added or removed; null for a kind this version does not know.</param>
/// <param name="RequestedBy">The key that requested it.</param>
/// <param name="RequestedAt">When it was requested (chain time).</param>
/// <param name="ExecutableAt">The earliest chain time it can be applied.</param>
/// <param name="Status">Pending, applied or cancelled, as the registry derives it now.</param>
public sealed record SignerChangeInfo(
    BigInteger Id, SignerChangeKind Kind, uint DepartmentId, string? Signer, string RequestedBy,
    DateTimeOffset RequestedAt, DateTimeOffset ExecutableAt, SignerChangeStatus Status)
{
    /// <summary>SetNode: the node URL the change publishes; null for other kinds.</summary>
    public string? NodeUrl { get; init; }

    internal static SignerChangeInfo From(BigInteger id, SignerChangeTuple t)
        => new(id, (SignerChangeKind)t.Kind, t.DepartmentId, SignerOf(t.Kind, t.Data), t.RequestedBy,
            DateTimeOffset.FromUnixTimeSeconds((long)t.RequestedAt), DateTimeOffset.FromUnixTimeSeconds((long)t.ExecutableAt),
            (SignerChangeStatus)t.Status)
        {
            NodeUrl = NodeUrlOf(t.Kind, t.Data),
        };

    /// <summary>The key of an AddSigner or RemoveSigner payload, <c>abi.encode(address signer)</c>; null for other kinds.</summary>
    public static string? SignerOf(byte kind, byte[] data)
        => kind <= (byte)SignerChangeKind.RemoveSigner && data.Length == 32
            ? Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(Convert.ToHexStringLower(data.AsSpan(12)))
            : null;

    /// <summary>The URL of a SetNode payload, <c>abi.encode(string url, bytes signingKey, bytes encryptionKey)</c>; null for other kinds.</summary>
    public static string? NodeUrlOf(byte kind, byte[] data)
        => kind == (byte)SignerChangeKind.SetNode && data.Length > 0
            // The payload is encoded like the return values (string, bytes, bytes) of a function.
            ? new FunctionCallDecoder().DecodeFunctionOutput<SetNodeData>("0x" + Convert.ToHexStringLower(data)).Url
            : null;

    [FunctionOutput]
    private sealed class SetNodeData
    {
        [Parameter("string", "url", 1)] public string Url { get; set; } = "";
        [Parameter("bytes", "signingKey", 2)] public byte[] SigningKey { get; set; } = [];
        [Parameter("bytes", "encryptionKey", 3)] public byte[] EncryptionKey { get; set; } = [];
    }
}

/// <summary>The contract's SignerChangeKind (appended to, never reordered).</summary>
public enum SignerChangeKind
{
    /// <summary>Add a key, with that key's EIP-712 consent.</summary>
    AddSigner,

    /// <summary>Remove a current key (never the department's last).</summary>
    RemoveSigner,

    /// <summary>Set the department's node entry: its URL and public keys (INodeDirectory).</summary>
    SetNode,
}

/// <summary>The contract's SignerChangeStatus.</summary>
public enum SignerChangeStatus
{
    /// <summary>No such change.</summary>
    None,

    /// <summary>Requested, neither applied nor cancelled.</summary>
    Pending,

    /// <summary>Applied.</summary>
    Applied,

    /// <summary>Cancelled by a signer of the department, or with all its pending changes (suspension, recovery, compromise report).</summary>
    Cancelled,
}
