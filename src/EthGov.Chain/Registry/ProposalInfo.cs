using System.Numerics;
using EthGov.Chain.Bindings;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace EthGov.Chain.Registry;

/// <summary>
/// A governance proposal, with its kind's data decoded (IDepartmentRegistry's NatSpec gives the encoding per kind);
/// fields of other kinds are empty: "" for strings, the zero address, 0 and empty lists.
/// </summary>
public sealed record ProposalInfo(
    BigInteger Id, ProposalKind Kind, uint Proposer, uint TargetDepartment, uint NewThreshold,
    DateTimeOffset Deadline, uint Approvals, bool Executed, string Code, string Name, string Signer)
{
    private const string ZeroAddress = RegistryDeployment.ZeroAddress;

    /// <summary>The departments that approved, in order, the proposer's first (only the active ones count now).</summary>
    public IReadOnlyList<uint> Approvers { get; init; } = [];

    /// <summary>ReplaceSigners: the department's new keys.</summary>
    public IReadOnlyList<string> NewSigners { get; init; } = [];

    /// <summary>ReportCompromisedKey: when the compromise began (the key is in <see cref="Signer"/>).</summary>
    public DateTimeOffset? CompromisedSince { get; init; }

    /// <summary>RevokeGrants: the grants to revoke.</summary>
    public IReadOnlyList<BigInteger> GrantIds { get; init; } = [];

    internal static ProposalInfo From(BigInteger id, ProposalTuple t)
    {
        var kind = (ProposalKind)t.Kind;
        var info = new ProposalInfo(
            id, kind, t.Proposer, t.TargetDepartment, 0, EthGov.Core.Verification.ChainTime.FromSeconds(t.Deadline),
            (uint)t.Approvers.Count, t.Executed, "", "", ZeroAddress)
        {
            Approvers = t.Approvers,
        };
        return kind switch
        {
            ProposalKind.AddDepartment when Decode<AddDepartmentData>(t.Data) is { } d => info with { Code = d.Code, Name = d.Name, Signer = d.Signer },
            ProposalKind.ChangeThreshold when Decode<ThresholdData>(t.Data) is { } d => info with { NewThreshold = d.NewThreshold },
            ProposalKind.ReplaceSigners when Decode<ReplaceSignersData>(t.Data) is { } d => info with { NewSigners = d.NewSigners },
            ProposalKind.ReportCompromisedKey when Decode<CompromisedKeyData>(t.Data) is { } d
                => info with { Signer = d.Key, CompromisedSince = EthGov.Core.Verification.ChainTime.FromSeconds(d.CompromisedSince) },
            ProposalKind.RevokeGrants when Decode<RevokeGrantsData>(t.Data) is { } d => info with { GrantIds = d.GrantIds },
            _ => info,
        };
    }

    // The data of a kind is abi.encode(...) of its fields, the same encoding as a function's return values.
    private static T? Decode<T>(byte[] data)
        where T : class, new()
        => data.Length == 0 ? null : new FunctionCallDecoder().DecodeFunctionOutput<T>("0x" + Convert.ToHexStringLower(data));

    [FunctionOutput]
    private sealed class AddDepartmentData
    {
        [Parameter("string", "code", 1)] public string Code { get; set; } = "";
        [Parameter("string", "name", 2)] public string Name { get; set; } = "";
        [Parameter("address", "signer", 3)] public string Signer { get; set; } = "";
    }

    [FunctionOutput]
    private sealed class ThresholdData
    {
        [Parameter("uint32", "newThreshold", 1)] public uint NewThreshold { get; set; }
    }

    [FunctionOutput]
    private sealed class ReplaceSignersData
    {
        [Parameter("address[]", "newSigners", 1)] public List<string> NewSigners { get; set; } = [];
    }

    [FunctionOutput]
    private sealed class CompromisedKeyData
    {
        [Parameter("address", "key", 1)] public string Key { get; set; } = "";
        [Parameter("uint64", "compromisedSince", 2)] public ulong CompromisedSince { get; set; }
    }

    [FunctionOutput]
    private sealed class RevokeGrantsData
    {
        [Parameter("uint256[]", "grantIds", 1)] public List<BigInteger> GrantIds { get; set; } = [];
    }
}

/// <summary>The contract's ProposalKind (appended to, never reordered).</summary>
public enum ProposalKind
{
    /// <summary>Add a department with its first signer.</summary>
    AddDepartment,

    /// <summary>Suspend a department.</summary>
    SuspendDepartment,

    /// <summary>Restore a suspended department.</summary>
    RestoreDepartment,

    /// <summary>Change the approval threshold.</summary>
    ChangeThreshold,

    /// <summary>Recover a department: replace all its keys.</summary>
    ReplaceSigners,

    /// <summary>Report any department's key compromised.</summary>
    ReportCompromisedKey,

    /// <summary>Revoke grants made by suspended departments.</summary>
    RevokeGrants,

    /// <summary>Clear a department's node entry and cancel its pending signer changes.</summary>
    ClearNode,
}
