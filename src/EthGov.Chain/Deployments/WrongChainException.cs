namespace EthGov.Chain.Deployments;

/// <summary>The node is not the chain the configuration names.</summary>
public sealed class WrongChainException(string message) : Exception(message);
