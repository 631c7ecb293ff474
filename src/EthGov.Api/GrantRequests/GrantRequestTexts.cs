using EthGov.Api.Problems;

namespace EthGov.Api.GrantRequests;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class GrantRequestTexts
{
    /// <summary>the caller's department has no grant request {0} in its queue</summary>
    public static readonly ProblemTemplate<object?> TheCallerSDepartmentHasNo = new(
        "the caller's department has no grant request {0} in its queue",
        "调用方部门的队列中没有授权申请 {0}");

    /// <summary>grant request {0} is {1}</summary>
    public static readonly ProblemTemplate<object?, object?> GrantRequestIs = new(
        "grant request {0} is {1}",
        "授权申请 {0} 的状态为 {1}");

    /// <summary>department {0} has {1} grant requests waiting; more are taken once some are decided</summary>
    public static readonly ProblemTemplate<object?, object?> DepartmentHasGrantRequestsWaitingMore = new(
        "department {0} has {1} grant requests waiting; more are taken once some are decided",
        "部门 {0} 有 {1} 个授权申请等待决定；其中一些有决定后才接收新的申请");

    /// <summary>give recordId (one record) or kind (a kind of record), not both</summary>
    public static readonly ProblemSentence GiveRecordIdOneRecordOrKind = new(
        "give recordId (one record) or kind (a kind of record), not both",
        "请给出 recordId（一条记录）或 kind（一类记录），不能同时给出");

    /// <summary>kind: 1 to {0} characters of a-z, 0-9 and '-' (for example birth-certificate)</summary>
    public static readonly ProblemTemplate<object?> Kind1ToCharactersOfA = new(
        "kind: 1 to {0} characters of a-z, 0-9 and '-' (for example birth-certificate)",
        "kind：1 至 {0} 个字符，限 a-z、0-9 和 '-'（例如 birth-certificate）");

    /// <summary>legalBasis: the legal basis in words, 1 to {0} characters</summary>
    public static readonly ProblemTemplate<object?> LegalBasisTheLegalBasisInWords = new(
        "legalBasis: the legal basis in words, 1 to {0} characters",
        "legalBasis：用文字说明法律依据，1 至 {0} 个字符");

    /// <summary>note: at most {0} characters</summary>
    public static readonly ProblemTemplate<object?> NoteAtMostCharacters = new(
        "note: at most {0} characters",
        "note：最多 {0} 个字符");

    /// <summary>holderDepartment {0} is the caller's own department</summary>
    public static readonly ProblemTemplate<object?> HolderDepartmentIsTheCallerSOwn = new(
        "holderDepartment {0} is the caller's own department",
        "holderDepartment {0} 是调用方自己的部门");

    /// <summary>configure EthGov:NodeKey: requests to other nodes are signed with it</summary>
    public static readonly ProblemSentence ConfigureEthGovNodeKeyRequestsToOther = new(
        "configure EthGov:NodeKey: requests to other nodes are signed with it",
        "请配置 EthGov:NodeKey：发往其他节点的请求用它签名");

    /// <summary>direction: incoming or outgoing</summary>
    public static readonly ProblemSentence DirectionIncomingOrOutgoing = new(
        "direction: incoming or outgoing",
        "direction：incoming 或 outgoing");

    /// <summary>state: one of {0}</summary>
    public static readonly ProblemTemplate<object?> StateOneOf = new(
        "state: one of {0}",
        "state：须为 {0} 之一");

    /// <summary>reason: why, in words, 1 to {0} characters</summary>
    public static readonly ProblemTemplate<object?> ReasonWhyInWords1To = new(
        "reason: why, in words, 1 to {0} characters",
        "reason：用文字说明原因，1 至 {0} 个字符");

    /// <summary>the node needs its node key (EthGov:NodeKey) and a data key (EthGov:DataKey) to answer other nodes</summary>
    public static readonly ProblemSentence TheNodeNeedsItsNodeKey = new(
        "the node needs its node key (EthGov:NodeKey) and a data key (EthGov:DataKey) to answer other nodes",
        "节点须有节点密钥（EthGov:NodeKey）和数据密钥（EthGov:DataKey）才能答复其他节点");

    /// <summary>a grant request message carries at most {0} bytes</summary>
    public static readonly ProblemTemplate<object?> AGrantRequestMessageCarriesAt = new(
        "a grant request message carries at most {0} bytes",
        "授权申请消息最多 {0} 字节");

    /// <summary>A stored failure (<see cref="StoredErrors.ApprovalInterrupted"/>): the approval stopped before its grant reached the chain.</summary>
    public static readonly ProblemSentence ApprovalInterrupted = new(
        "the approval stopped before its grant reached the chain; approve it again",
        "审批在授权上链前中断；请重新审批");

    /// <summary>A stored failure (<see cref="StoredErrors.NodeAnswered"/>): the other node answered an HTTP error; the values are its department, the status and the problem type.</summary>
    public static readonly ProblemTemplate<string, string, string> NodeAnswered = new(
        "department {0}'s node answered HTTP {1} ({2}); the message is sent again",
        "部门 {0} 的节点答复 HTTP {1}（{2}）；消息会再次发送");

    /// <summary>A stored refusal (<see cref="StoredErrors.NodeRefused"/>): the other node's department and its problem's title.</summary>
    public static readonly ProblemTemplate<string, ProblemText> NodeRefused = new(
        "department {0}'s node refused the request for good: {1}",
        "部门 {0} 的节点最终拒绝了该申请：{1:zh}");

    /// <summary>A stored failure (<see cref="StoredErrors.NoNodeKey"/>): this node cannot sign messages to other nodes.</summary>
    public static readonly ProblemSentence NoNodeKey = new(
        "this node has no node key (EthGov:NodeKey): it cannot sign; the message is sent once it has one",
        "本节点没有节点密钥（EthGov:NodeKey），无法签名；配置后消息会再次发送");

    /// <summary>A stored failure (<see cref="StoredErrors.NoNodePublished"/>): the other department publishes no node; the value is its id.</summary>
    public static readonly ProblemTemplate<string> NoNodePublished = new(
        "department {0} publishes no node on chain; the message is sent again",
        "部门 {0} 没有在账本上公布节点；消息会再次发送");

    /// <summary>A stored failure (<see cref="StoredErrors.NodeUnreachable"/>): the other department's node could not be reached; the value is its id.</summary>
    public static readonly ProblemTemplate<string> NodeUnreachable = new(
        "department {0}'s node could not be reached; the message is sent again",
        "无法连接部门 {0} 的节点；消息会再次发送");

    /// <summary>A stored failure (<see cref="StoredErrors.NodeUnsigned"/>): the other node's answer lacked its signature; the values are its id and the status.</summary>
    public static readonly ProblemTemplate<string, string> NodeUnsigned = new(
        "department {0}'s node answered HTTP {1} without its signature; the message is sent again",
        "部门 {0} 的节点答复 HTTP {1} 但没有签名；消息会再次发送");
}
