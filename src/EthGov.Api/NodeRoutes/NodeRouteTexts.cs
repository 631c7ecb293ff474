using EthGov.Api.Problems;

namespace EthGov.Api.NodeRoutes;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class NodeRouteTexts
{
    /// <summary>this node logged no confirmed access-log root {0}</summary>
    public static readonly ProblemTemplate<object?> ThisNodeLoggedNoConfirmedAccess = new(
        "this node logged no confirmed access-log root {0}",
        "本节点没有已确认的访问日志根 {0}");

    /// <summary>the node needs its node key (EthGov:NodeKey) and a data key (EthGov:DataKey) to answer other nodes</summary>
    public static readonly ProblemSentence TheNodeNeedsItsNodeKey = new(
        "the node needs its node key (EthGov:NodeKey) and a data key (EthGov:DataKey) to answer other nodes",
        "节点须有节点密钥（EthGov:NodeKey）和数据密钥（EthGov:DataKey）才能答复其他节点");

    /// <summary>a node request carries at most {0} bytes</summary>
    public static readonly ProblemTemplate<object?> ANodeRequestCarriesAtMost = new(
        "a node request carries at most {0} bytes",
        "节点请求最多 {0} 字节");
}
