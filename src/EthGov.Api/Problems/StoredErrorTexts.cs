namespace EthGov.Api.Problems;

/// <summary>
/// The sentences of stored failures (<see cref="StoredError"/>) that several features share; a feature's own codes
/// have their sentences in its <c>...Texts</c> class.
/// </summary>
public static class StoredErrorTexts
{
    /// <summary>A row an older node wrote as an English sentence: answered as it is, marked as such in Chinese.</summary>
    public static readonly ProblemTemplate<string> AsStored = new(
        "{0}",
        "（原文）{0}");

    /// <summary>A contract error: its title, then its name and arguments as the registry answered them.</summary>
    public static readonly ProblemTemplate<ProblemText, string> RegistryRefused = new(
        "{0} (the registry answered {1})",
        "{0:zh}（登记合约答复 {1}）");

    /// <summary>The title of a contract error that has no title of its own.</summary>
    public static readonly ProblemSentence RegistryRefusedOperation = new(
        ChainProblems.GenericTitle,
        "登记合约拒绝了该操作");

    /// <summary>The chain could not be reached (what the network library said is in the node's log).</summary>
    public static readonly ProblemSentence ChainUnavailable = new(
        "the chain could not be reached; the node tries again",
        "无法连接账本；节点会再试");

    /// <summary>The chain node refused the request (its words are in the node's log).</summary>
    public static readonly ProblemSentence ChainRejected = new(
        "the chain node refused the request (the node's log says how)",
        "账本节点拒绝了请求（节点日志记有原因）");
}
