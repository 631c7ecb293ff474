using EthGov.Testing;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>
/// The test classes that share one <see cref="NodeCluster"/>: it starts once for the project (three API processes are
/// slow to start on two cores), and the classes run one after the other, so a test that stops a node or moves its
/// URL puts it back before the next begins. Each test anchors its own documents.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeClusterCollection : ICollectionFixture<NodeCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "node cluster";
}
