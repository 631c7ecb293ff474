using EthGov.Chain.Contracts;

namespace EthGov.Chain.Registry;

/// <summary>A department as the registry knows it.</summary>
public sealed record DepartmentInfo(uint Id, string Code, string Name, DepartmentState Status, IReadOnlyList<string> Signers)
{
    internal static DepartmentInfo From(uint id, DepartmentTuple tuple)
        => new(id, tuple.Code, tuple.Name, (DepartmentState)tuple.Status, tuple.Signers);
}

/// <summary>The contract's DepartmentStatus.</summary>
public enum DepartmentState
{
    /// <summary>No such department.</summary>
    None,

    /// <summary>May issue, revoke, grant and log access.</summary>
    Active,

    /// <summary>Suspended by quorum: may do nothing until restored; what it issued before keeps its status.</summary>
    Suspended,
}
