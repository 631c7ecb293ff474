using EthGov.Chain.Bindings;
using EthGov.Core.Verification;

namespace EthGov.Chain.Registry;

/// <summary>A department as the registry knows it.</summary>
public sealed record DepartmentInfo(uint Id, string Code, string Name, DepartmentStatus Status, IReadOnlyList<string> Signers)
{
    internal static DepartmentInfo From(uint id, DepartmentTuple tuple)
        => new(id, tuple.Code, tuple.Name, (DepartmentStatus)tuple.Status, tuple.Signers);
}
