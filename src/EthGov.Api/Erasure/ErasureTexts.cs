using EthGov.Api.Problems;

namespace EthGov.Api.Erasure;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class ErasureTexts
{
    /// <summary>the node needs its node key (EthGov:NodeKey) and a data key (EthGov:DataKey) to answer other nodes</summary>
    public static readonly ProblemSentence TheNodeNeedsItsNodeKey = new(
        "the node needs its node key (EthGov:NodeKey) and a data key (EthGov:DataKey) to answer other nodes",
        "节点须有节点密钥（EthGov:NodeKey）和数据密钥（EthGov:DataKey）才能答复其他节点");

    /// <summary>an erasure notice carries at most {0} bytes</summary>
    public static readonly ProblemTemplate<object?> AnErasureNoticeCarriesAtMost = new(
        "an erasure notice carries at most {0} bytes",
        "删除通知最多 {0} 字节");
}
