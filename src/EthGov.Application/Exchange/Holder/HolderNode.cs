using EthGov.Application.Nodes;

namespace EthGov.Application.Exchange.Holder;

/// <summary>What a node answering release requests is: its chain and registry, its keys, and which departments it hosts.</summary>
/// <param name="ChainId">The chain its registry lives on.</param>
/// <param name="Registry">The registry's address.</param>
/// <param name="Keys">The node's keys: it opens sealed queries with the encryption key and signs answers with the signing key.</param>
/// <param name="Hosts">Whether the node holds the keys of (and so answers for) a department, by id.</param>
public sealed record HolderNode(ulong ChainId, string Registry, NodeKeys Keys, Func<uint, CancellationToken, ValueTask<bool>> Hosts);
