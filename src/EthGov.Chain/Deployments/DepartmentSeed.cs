namespace EthGov.Chain.Deployments;

/// <summary>An initial department to deploy with: its code, name and first signer address.</summary>
public sealed record DepartmentSeed(string Code, string Name, string Signer);
