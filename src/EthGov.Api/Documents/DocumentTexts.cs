using EthGov.Api.Outbox;
using EthGov.Api.Problems;

namespace EthGov.Api.Documents;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class DocumentTexts
{
    /// <summary>digests: give at least one digest</summary>
    public static readonly ProblemSentence DigestsGiveAtLeastOneDigest = new(
        "digests: give at least one digest",
        "digests：至少给出一个指纹");

    /// <summary>digests: at most {0} per request, got {1}</summary>
    public static readonly ProblemTemplate<object?, object?> DigestsAtMostPerRequestGot = new(
        "digests: at most {0} per request, got {1}",
        "digests：每次请求最多 {0} 个，收到 {1} 个");

    /// <summary>{0} digest(s) are not valid; nothing was accepted</summary>
    public static readonly ProblemTemplate<object?> DigestSAreNotValidNothing = new(
        "{0} digest(s) are not valid; nothing was accepted",
        "{0} 个指纹无效；未接受任何内容");

    /// <summary>timeoutSeconds: give a positive number of seconds</summary>
    public static readonly ProblemSentence TimeoutSecondsGiveAPositiveNumberOf = new(
        "timeoutSeconds: give a positive number of seconds",
        "timeoutSeconds：请给出正数秒数");

    /// <summary>{0} was issued by department {1}, not by {2}</summary>
    public static readonly ProblemTemplate<object?, object?, object?> WasIssuedByDepartmentNotBy = new(
        "{0} was issued by department {1}, not by {2}",
        "{0} 由部门 {1} 签发，而不是 {2}");

    /// <summary>A revocation the node could not record; the value is the store error's code.</summary>
    public static readonly ProblemTemplate<object?> RevocationNotRecorded = new(
        "the revocation could not be recorded, so it was not sent: {0}",
        "撤销未能记录，因此未发送：{0}");

    /// <summary>A supersession the node could not record; the value is the store error's code.</summary>
    public static readonly ProblemTemplate<object?> SupersessionNotRecorded = new(
        "the supersession could not be recorded, so it was not sent: {0}",
        "取代未能记录，因此未发送：{0}");

    /// <summary>{0} was anchored in registry 1.x ({1}); anchor the new document and revoke this one instead</summary>
    public static readonly ProblemTemplate<object?, object?> WasAnchoredInRegistry1X = new(
        "{0} was anchored in registry 1.x ({1}); anchor the new document and revoke this one instead",
        "{0} 记入的是 1.x 版登记合约（{1}）；请记入新文件并撤销此文件");

    /// <summary>{0} is already anchored or queued</summary>
    public static readonly ProblemTemplate<object?> IsAlreadyAnchoredOrQueued = new(
        "{0} is already anchored or queued",
        "{0} 已记入账本或已在队列中");

    /// <summary>{0} was submitted by another department</summary>
    public static readonly ProblemTemplate<object?> WasSubmittedByAnotherDepartment = new(
        "{0} was submitted by another department",
        "{0} 已由另一部门提交");

    /// <summary>validUntil {0:O} has passed</summary>
    public static readonly ProblemTemplate<object?> ValidUntilHasPassed = new(
        "validUntil {0:O} has passed",
        "validUntil {0:O} 已过");

    /// <summary>{0} documents match (before the status filter), and an export holds at most {1}; narrow it with from and to</summary>
    public static readonly ProblemTemplate<object?, object?> DocumentsMatchBeforeTheStatusFilter = new(
        "{0} documents match (before the status filter), and an export holds at most {1}; narrow it with from and to",
        "有 {0} 份文件符合条件（按状态筛选前），而一次导出最多 {1} 份；请用 from 和 to 缩小范围");

    /// <summary>a key or clerk of a registered department reads its own documents</summary>
    public static readonly ProblemSentence AKeyOrClerkOfA = new(
        "a key or clerk of a registered department reads its own documents",
        "已登记部门的密钥或工作人员只能读取本部门的文件");

    /// <summary>reason: a listed revocation reason is required, by name or by number (see {0})</summary>
    public static readonly ProblemTemplate<object?> ReasonAListedRevocationReasonIs = new(
        "reason: a listed revocation reason is required, by name or by number (see {0})",
        "reason：须给出代码表中的撤销原因，名称或编号均可（见 {0}）");

    /// <summary>A reason not on the list; the values are the text as echoed (<c>CodeEcho</c>) and the list by name and number.</summary>
    public static readonly ProblemTemplate<string, string> ReasonNotListed = new(
        "reason: '{0}' is not a listed revocation reason; use one of {1}",
        "reason 无效：'{0}' 不在撤销原因代码表中；请使用 {1} 之一");

    /// <summary>A label is too long.</summary>
    public static readonly ProblemTemplate<object?, object?> LabelTooLong = new(
        "{0}: at most {1} characters",
        "{0}：最多 {1} 个字符");

    /// <summary>A label holds control characters.</summary>
    public static readonly ProblemTemplate<object?> LabelControlCharacters = new(
        "{0}: no control characters (line breaks, tabs)",
        "{0}：不能含控制字符（换行、制表符）");

    /// <summary>A change note is too long.</summary>
    public static readonly ProblemTemplate<object?> NoteTooLong = new(
        "note: at most {0} characters",
        "note：最多 {0} 个字符");

    /// <summary>A change note holds control characters.</summary>
    public static readonly ProblemSentence NoteControlCharacters = new(
        "note: no control characters (line breaks, tabs)",
        "note：不能含控制字符（换行、制表符）");

    /// <summary>Both a proof and a receipt.</summary>
    public static readonly ProblemSentence ProofOrReceipt = new(
        "give a proof or a receipt, not both",
        "请给出证明或凭证，不能同时给出");

    /// <summary>A receipt refused; the value lists its problems (<see cref="Receipts.ReceiptTexts"/>).</summary>
    public static readonly ProblemTemplate<ProblemTextList> ReceiptInvalid = new(
        "receipt: {0}",
        "receipt 无效：{0:zh}");

    /// <summary>An upload that is not multipart.</summary>
    public static readonly ProblemSentence NotMultipart = new(
        "send the file as multipart/form-data with a part named \"file\"",
        "请以 multipart/form-data 发送文件，部分名为 \"file\"");

    /// <summary>Two files in one upload.</summary>
    public static readonly ProblemSentence OneFilePerRequest = new(
        "send one file per request",
        "每次请求只发送一个文件");

    /// <summary>Two parts of one name in one upload.</summary>
    public static readonly ProblemTemplate<object?> OnePartPerRequest = new(
        "send one part named \"{0}\" per request",
        "每次请求只发送一个名为 \"{0}\" 的部分");

    /// <summary>An upload past its limit.</summary>
    public static readonly ProblemTemplate<object?> UploadExceedsLimit = new(
        "the upload exceeds the limit of {0} bytes",
        "上传超过 {0} 字节的上限");

    /// <summary>A malformed multipart body.</summary>
    public static readonly ProblemSentence MultipartMalformed = new(
        "the multipart body is malformed",
        "multipart 正文格式错误");

    /// <summary>An upload without a file.</summary>
    public static readonly ProblemSentence NoFilePart = new(
        "no part named \"file\" in the upload",
        "上传中没有名为 \"file\" 的部分");

    /// <summary>A register query too long.</summary>
    public static readonly ProblemTemplate<object?> QueryTooLong = new(
        "q: at most {0} characters, without control characters",
        "q：最多 {0} 个字符，不能含控制字符");

    /// <summary>A register range ending before it starts.</summary>
    public static readonly ProblemSentence ToBeforeFrom = new(
        "to: must not be before from",
        "to：不能早于 from");

    /// <summary>A register status not listed.</summary>
    public static readonly ProblemTemplate<object?> StatusOneOf = new(
        "status: one of {0}",
        "status：须为 {0} 之一");

    /// <summary>The outbox is stopping with the node.</summary>
    public static readonly ProblemSentence OutboxShuttingDown = new(
        "the outbox is shutting down",
        "待发队列无法保存请求：节点正在停止");

    /// <summary>The outbox's write failed.</summary>
    public static readonly ProblemSentence OutboxNotStored = new(
        "the outbox could not store the request",
        "待发队列无法保存请求：写入失败");

    /// <summary>A supersession's new document could not be recorded.</summary>
    public static readonly ProblemSentence OutboxSupersessionNotRecorded = new(
        "the supersession could not be recorded",
        "待发队列无法保存请求：取代未能记录");

    /// <summary>A supersession's new document was refused.</summary>
    public static readonly ProblemSentence OutboxSupersessionRefused = new(
        "the supersession was refused",
        "待发队列无法保存请求：取代被拒绝");

    /// <summary>The sentence for <paramref name="failure"/>.</summary>
    public static ProblemText OutboxFailed(OutboxFailure failure) => failure switch
    {
        OutboxFailure.ShuttingDown => OutboxShuttingDown,
        OutboxFailure.NotStored => OutboxNotStored,
        OutboxFailure.SupersessionNotRecorded => OutboxSupersessionNotRecorded,
        _ => OutboxSupersessionRefused,
    };

    /// <summary>The chain refused an anchor; the value is the chain's account.</summary>
    public static readonly ProblemTemplate<ProblemText> AnchorRefused = new(
        "{0}",
        "账本拒绝记入：{0:zh}");

    /// <summary>A stored failure (<see cref="StoredErrors.NoSignerKey"/>): the node holds no signer key for the department.</summary>
    public static readonly ProblemTemplate<string> NoSignerKey = new(
        "no signer key is configured for department {0}",
        "本节点没有为部门 {0} 配置签名密钥");
}
