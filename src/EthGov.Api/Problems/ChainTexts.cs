namespace EthGov.Api.Problems;

/// <summary>
/// The detail sentences of chain failures. The values are the chain adapter's own account of the failure (a reset's
/// reason, a stopped signer's) and the contract error's name, which stay as they are in every language.
/// </summary>
public static class ChainTexts
{
    /// <summary>503: the chain was reset; the value says how it was noticed.</summary>
    public static readonly ProblemTemplate<string> Reset = new(
        "{0}",
        "账本已重置，答复会过时：{0}");

    /// <summary>503: the chain's genesis block is not the deployment's.</summary>
    public static readonly ProblemSentence ResetGenesisDiffers = new(
        ChainState.ChainResetReasons.GenesisDiffers,
        "账本已重置，答复会过时：账本的创世区块与部署记录不同；请重新部署合约并重新记入待发队列中的文件（见文档）");

    /// <summary>503: the index was filled from another chain.</summary>
    public static readonly ProblemSentence ResetIndexFromAnotherChain = new(
        ChainState.ChainResetReasons.IndexFromAnotherChain,
        "账本已重置，答复会过时：索引建立在另一条链上；请删除索引表或使用新的数据目录");

    /// <summary>The sentence for a reset noticed for <paramref name="reason"/>; a reason not listed in <see cref="ChainState.ChainResetReasons"/> is named as it is.</summary>
    public static ProblemText ResetFor(string reason) => reason switch
    {
        ChainState.ChainResetReasons.GenesisDiffers => ResetGenesisDiffers,
        ChainState.ChainResetReasons.IndexFromAnotherChain => ResetIndexFromAnotherChain,
        _ => Reset.With(reason),
    };

    /// <summary>503: the department's signer stopped sending at a nonce another process used; the values name the signer and the nonce.</summary>
    public static readonly ProblemTemplate<string, string> SignerStopped = new(
        "signer {0} stopped sending at nonce {1}: another process sends with this key (the node's log says what the chain showed)",
        "签名地址 {0} 已在 nonce {1} 停止发送：另一进程正在使用该密钥（节点日志记有链上所见）");

    /// <summary>503: another replica holds the lease; the value names the signer.</summary>
    public static readonly ProblemTemplate<string> NotLeaseHolder = new(
        "signer {0} does not send from this replica: another replica of the node holds the lease",
        "签名地址 {0} 不从此副本发送交易：租约在节点的另一副本上");

    /// <summary>A contract custom error, by its name.</summary>
    public static readonly ProblemTemplate<string> RegistryAnswered = new(
        "the registry answered {0}",
        "登记合约答复 {0}");
}
