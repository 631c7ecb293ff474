using EthGov.Api.Problems;
using EthGov.Application.Exchange.Grantee;

namespace EthGov.Api.Exchanges;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class ExchangeTexts
{
    /// <summary>configure EthGov:NodeKey: requests to other nodes are signed with it, and what they release is sealed to it</summary>
    public static readonly ProblemSentence ConfigureEthGovNodeKeyRequestsToOther = new(
        "configure EthGov:NodeKey: requests to other nodes are signed with it, and what they release is sealed to it",
        "请配置 EthGov:NodeKey：发往其他节点的请求用它签名，其他节点提供的内容用它加密");

    /// <summary>grantId: a grant id, as a decimal string</summary>
    public static readonly ProblemSentence GrantIdAGrantIdAsA = new(
        "grantId: a grant id, as a decimal string",
        "grantId：授权编号，十进制字符串");

    /// <summary>department {0} has no node URL on chain</summary>
    public static readonly ProblemTemplate<object?> DepartmentHasNoNodeURLOn = new(
        "department {0} has no node URL on chain",
        "部门 {0} 没有在账本上公布节点地址");

    /// <summary>person: 1 to 256 characters</summary>
    public static readonly ProblemSentence Person1To256Characters = new(
        "person: 1 to 256 characters",
        "person：1 至 256 个字符");

    /// <summary>department {0} publishes an encryption key that is not a P-256 point</summary>
    public static readonly ProblemTemplate<object?> DepartmentPublishesAnEncryptionKeyThat = new(
        "department {0} publishes an encryption key that is not a P-256 point",
        "部门 {0} 公布的加密公钥不是 P-256 点");

    /// <summary>exchange {0} is {1}</summary>
    public static readonly ProblemTemplate<object?, object?> ExchangeIs = new(
        "exchange {0} is {1}",
        "交换 {0} 的状态为 {1}");

    /// <summary>no department {0} in the registry</summary>
    public static readonly ProblemTemplate<object?> NoDepartmentInTheRegistry = new(
        "no department {0} in the registry",
        "登记合约中没有部门 {0}");

    /// <summary>send the department's key</summary>
    public static readonly ProblemSentence SendTheDepartmentSKey = new(
        "send the department's key",
        "请发送部门的密钥");

    /// <summary>id: an exchange id is a number</summary>
    public static readonly ProblemSentence IdAnExchangeIdIsA = new(
        "id: an exchange id is a number",
        "id：交换编号须为数字");

    /// <summary>no exchange {0} of department {1}</summary>
    public static readonly ProblemTemplate<object?, object?> NoExchangeOfDepartment = new(
        "no exchange {0} of department {1}",
        "部门 {1} 没有交换 {0}");

    /// <summary>grant {0} does not exist</summary>
    public static readonly ProblemTemplate<object?> GrantDoesNotExist = new(
        "grant {0} does not exist",
        "授权 {0} 不存在");

    /// <summary>grant {0} names department {1}, not {2}</summary>
    public static readonly ProblemTemplate<object?, object?, object?> GrantNamesDepartmentNot = new(
        "grant {0} names department {1}, not {2}",
        "授权 {0} 指定的是部门 {1}，而不是 {2}");

    /// <summary>grant {0} was revoked</summary>
    public static readonly ProblemTemplate<object?> GrantWasRevoked = new(
        "grant {0} was revoked",
        "授权 {0} 已撤销");

    /// <summary>grant {0} expired at {1:O}</summary>
    public static readonly ProblemTemplate<object?, object?> GrantExpiredAt = new(
        "grant {0} expired at {1:O}",
        "授权 {0} 已于 {1:O} 到期");

    /// <summary>grant {0} covers {1}, not {2}</summary>
    public static readonly ProblemTemplate<object?, object?, object?> GrantCoversNot = new(
        "grant {0} covers {1}, not {2}",
        "授权 {0} 涵盖的是 {1}，而不是 {2}");

    /// <summary>the grant allowed keeping the content until {0:O}</summary>
    public static readonly ProblemTemplate<object?> TheGrantAllowedKeepingTheContent = new(
        "the grant allowed keeping the content until {0:O}",
        "授权允许保存内容至 {0:O}");

    /// <summary>the grant allows viewing the content once, and it was viewed</summary>
    public static readonly ProblemSentence TheGrantAllowsViewingTheContent = new(
        "the grant allows viewing the content once, and it was viewed",
        "授权只允许查看内容一次，且已查看过");

    /// <summary>the content is not kept (erased)</summary>
    public static readonly ProblemSentence TheContentIsNotKeptErased = new(
        "the content is not kept (erased)",
        "内容未保存（已删除）");

    /// <summary>A kind grant asked without a person.</summary>
    public static readonly ProblemSentence PersonForKindGrant = new(
        "person: a kind grant is asked for the records of a person; say whose",
        "person：按类授权须针对某人的记录申请；请说明是谁");

    /// <summary>A record grant asked with a person.</summary>
    public static readonly ProblemSentence PersonOnlyForKindGrant = new(
        "person: only a kind grant is asked for a person's records; this grant names one record",
        "person：只有按类授权才针对某人的记录申请；此授权指定的是一条记录");

    /// <summary>No department anchored the record.</summary>
    public static readonly ProblemSentence NoAnchorOfRecord = new(
        "no department's anchor of the record is found, on its own or through a node's batch proof: name it with holderDepartment",
        "找不到任何部门对该记录的记入（单独记入或通过节点的批次证明）：请用 holderDepartment 指明");

    /// <summary>More than one department anchored the record.</summary>
    public static readonly ProblemSentence AnchoredByMany = new(
        "the record is anchored on its own by more than one department: name it with holderDepartment",
        "该记录被多个部门单独记入：请用 holderDepartment 指明");

    /// <summary>404: a verified exchange whose evidence file this replica's folder lacks.</summary>
    public static readonly ProblemTemplate<object?> EvidenceNotInFolder = new(
        "exchange {0} is verified, but its evidence file is not in this node's evidence folder: replicas of a node need one shared EthGov:Exchange:EvidenceDirectory",
        "交换 {0} 已核实，但本节点的证据目录中没有其证据文件：同一节点的多个副本须共用一个 EthGov:Exchange:EvidenceDirectory");

    /// <summary>A stored wait (<see cref="StoredErrors.HolderUnreachable"/>): the holder's node could not be reached; the value is its department.</summary>
    public static readonly ProblemTemplate<string> HolderUnreachable = new(
        "the holder's node (department {0}) could not be reached; it is asked again",
        "无法连接持有方节点（部门 {0}）；会再次请求");

    /// <summary>A stored wait (<see cref="ReleaseRetry.HolderKeyUnknown"/>): the answer's key is not (yet) the one the holder publishes.</summary>
    public static readonly ProblemSentence HolderKeyUnknown = new(
        "the holder's answer is signed with a key its department does not publish (yet); it is asked again",
        "持有方的答复所用签名密钥不是其部门（目前）公布的密钥；会再次请求");

    /// <summary>A stored wait (<see cref="ReleaseRetry.HolderRefusedForNow"/>): a refusal the protocol says may pass; the value is its reason.</summary>
    public static readonly ProblemTemplate<string> HolderRefusedForNow = new(
        "{0}: the holder's node cannot release it yet; it is asked again",
        "{0}：持有方节点暂时无法提供；会再次请求");

    /// <summary>A stored wait (<see cref="ReleaseRetry.HolderAnswered"/>): a status the protocol does not name; the value is the status.</summary>
    public static readonly ProblemTemplate<string> HolderAnswered = new(
        "the holder's node answered HTTP {0}; it is asked again",
        "持有方节点答复 HTTP {0}；会再次请求");

    /// <summary>A stored wait (<see cref="StoredErrors.AnchorUnconfirmed"/>): the chain could not be read to check the record's anchor.</summary>
    public static readonly ProblemSentence AnchorUnconfirmed = new(
        "the chain could not be read to confirm the record's anchor; it is checked again",
        "无法读取账本以确认记录的记入；会再次检查");

    /// <summary>A stored wait (<see cref="StoredErrors.RecordNotAnchoredYet"/>): the values are the record and the holder department.</summary>
    public static readonly ProblemTemplate<string, string> RecordNotAnchoredYet = new(
        "record {0} is not found anchored by department {1} yet; it is checked again",
        "尚未找到部门 {1} 对记录 {0} 的记入；会再次检查");

    /// <summary>A stored wait (<see cref="StoredErrors.NoRecordStore"/>): the node cannot keep what it receives.</summary>
    public static readonly ProblemSentence NoRecordStore = new(
        "this node has no record store (EthGov:DataKey): it cannot keep what it receives; it tries again once it has one",
        "本节点没有记录存储（EthGov:DataKey），无法保存收到的内容；配置后会再试");

    /// <summary>A stored wait (<see cref="StoredErrors.RecordStoreRefused"/>): the values are the record and the store's outcome.</summary>
    public static readonly ProblemTemplate<string, string> RecordStoreRefused = new(
        "the record store refused record {0} ({1}); it is tried again",
        "记录存储拒绝了记录 {0}（{1}）；会再试");

    /// <summary>A stored wait (<see cref="StoredErrors.ReceiptHolderUnknown"/>): the value is the holder department.</summary>
    public static readonly ProblemTemplate<string> ReceiptHolderUnknown = new(
        "the node of department {0} cannot be found on chain to acknowledge the release; it is tried again",
        "在账本上找不到部门 {0} 的节点，无法确认收到；会再试");

    /// <summary>A stored wait (<see cref="StoredErrors.ReceiptsAnswered"/>): the values are the holder department and the status.</summary>
    public static readonly ProblemTemplate<string, string> ReceiptsAnswered = new(
        "the holder's node (department {0}) answered the receipts with HTTP {1}; they are sent again",
        "持有方节点（部门 {0}）对收据答复 HTTP {1}；收据会再次发送");

    /// <summary>A stored wait (<see cref="StoredErrors.ReceiptUnanswered"/>): the holder's answer left this receipt out.</summary>
    public static readonly ProblemSentence ReceiptUnanswered = new(
        "the holder's node did not answer this receipt; it is sent again",
        "持有方节点没有答复这张收据；收据会再次发送");

    /// <summary>A stored wait (<see cref="StoredErrors.ReceiptNotRecorded"/>): the value is the holder's outcome (its words are in the log).</summary>
    public static readonly ProblemTemplate<string> ReceiptNotRecorded = new(
        "the holder's node did not record the receipt ({0}); it is sent again",
        "持有方节点没有记下收据（{0}）；收据会再次发送");

    /// <summary>A stored refusal (<see cref="StoredErrors.HolderRefused"/>): the value is the protocol's reason.</summary>
    public static readonly ProblemTemplate<string> HolderRefused = new(
        "the holder's node refused the release ({0}); the node's log has its words",
        "持有方节点拒绝提供（{0}）；节点日志记有其原话");

    /// <summary>A stored refusal (<see cref="StoredErrors.ReleaseTampered"/>).</summary>
    public static readonly ProblemSentence ReleaseTampered = new(
        "the release failed this node's checks (signature, request, key or content digest); the node's log says which",
        "所提供的内容未通过本节点的检查（签名、请求、密钥或内容指纹）；节点日志记有具体原因");

    /// <summary>A stored refusal (<see cref="StoredErrors.RecordNotValid"/>): the values are the record and its status on chain.</summary>
    public static readonly ProblemTemplate<string, string> RecordNotValid = new(
        "record {0} is {1} on chain",
        "记录 {0} 在账本上的状态为 {1}");

    /// <summary>A stored refusal (<see cref="StoredErrors.RecordNotAnchored"/>): the values are the record and the holder department.</summary>
    public static readonly ProblemTemplate<string, string> RecordNotAnchored = new(
        "record {0} is not anchored by department {1}: the release is refused as tampered",
        "部门 {1} 没有记入记录 {0}：所提供的内容按被篡改拒绝");

    /// <summary>A stored wait (<see cref="StoredErrors.StepFailed"/>): the node failed a step (its log says how).</summary>
    public static readonly ProblemSentence StepFailed = new(
        "the node failed the step (its log says how); it is tried again",
        "节点未能完成这一步（节点日志记有原因）；会再试");
}
