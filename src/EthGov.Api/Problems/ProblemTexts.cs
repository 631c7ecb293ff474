using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Core.Receipts;

namespace EthGov.Api.Problems;

/// <summary>
/// The detail sentences that several features share, and those of the framework's own answers (bad JSON, unbound
/// route values, unknown routes and methods, oversized bodies, the rate limiter). Feature folders keep their own
/// sentences in their <c>...Texts</c> class.
/// </summary>
public static class ProblemTexts
{
    /// <summary>404 for a digest the outbox does not know.</summary>
    public static readonly ProblemTemplate<string> NoAnchorRequest = new(
        "no anchor request for {0}; POST /api/v1/verify asks the chain directly",
        "没有 {0} 的记入请求；POST /api/v1/verify 直接查询账本");

    /// <summary>409 for a document still in the outbox.</summary>
    public static readonly ProblemTemplate<Digest> StillInOutbox = new(
        "{0} is still in the outbox; try again when its status is anchored",
        "{0} 仍在待发队列中；状态变为 anchored 后再试");

    /// <summary>403 for a caller without scopes, unnamed.</summary>
    public static readonly ProblemTemplate<ProblemList, string> ScopeNeededCallerHoldsNone = new(
        "this operation needs an API key with scope {0:and}; the caller has none; create a key with --scope {1} (or give a clerk the role)",
        "此操作需要具有 {0:和} 权限的 API 密钥；调用方没有任何权限；请用 --scope {1} 创建密钥（或给工作人员相应角色）");

    /// <summary>403 for a caller with other scopes, unnamed.</summary>
    public static readonly ProblemTemplate<ProblemList, ProblemList, string> ScopeNeededCallerHolds = new(
        "this operation needs an API key with scope {0:and}; the caller has {1}; create a key with --scope {2} (or give a clerk the role)",
        "此操作需要具有 {0:和} 权限的 API 密钥；调用方只有 {1:、}；请用 --scope {2} 创建密钥（或给工作人员相应角色）");

    /// <summary>403 for a named caller without scopes.</summary>
    public static readonly ProblemTemplate<ProblemList, string, string> ScopeNeededHoldsNone = new(
        "this operation needs an API key with scope {0:and}; {1} has none; create a key with --scope {2} (or give a clerk the role)",
        "此操作需要具有 {0:和} 权限的 API 密钥；{1} 没有任何权限；请用 --scope {2} 创建密钥（或给工作人员相应角色）");

    /// <summary>403 for a named caller with other scopes.</summary>
    public static readonly ProblemTemplate<ProblemList, string, ProblemList, string> ScopeNeededHolds = new(
        "this operation needs an API key with scope {0:and}; {1} has {2}; create a key with --scope {3} (or give a clerk the role)",
        "此操作需要具有 {0:和} 权限的 API 密钥；{1} 只有 {2:、}；请用 --scope {3} 创建密钥（或给工作人员相应角色）");

    /// <summary>403 for a suspended department.</summary>
    public static readonly ProblemTemplate<string> DepartmentSuspended = new(
        "department {0} is suspended in the registry and cannot write",
        "部门 {0} 在登记合约中已被暂停，不能写入");

    /// <summary>400: a JSON member's value has another type.</summary>
    public static readonly ProblemTemplate<string> JsonValueWrongType = new(
        "{0}: the value does not have the type this operation takes (see the API reference)",
        "{0}：值的类型不是此操作接受的类型（见 API 参考）");

    /// <summary>400: the body is not JSON.</summary>
    public static readonly ProblemSentence BodyNotJson = new(
        "the body is not valid JSON",
        "请求正文不是有效的 JSON");

    /// <summary>400: the body is not JSON from a known place on.</summary>
    public static readonly ProblemTemplate<string> BodyNotJsonAt = new(
        "the body is not valid JSON (at {0})",
        "请求正文不是有效的 JSON（位于 {0}）");

    /// <summary>400: a route or query value did not bind.</summary>
    public static readonly ProblemSentence RouteValueWrongType = new(
        "a route or query value does not have the type this operation takes",
        "路径或查询参数的值不是此操作接受的类型");

    /// <summary>404 from routing.</summary>
    public static readonly ProblemSentence NoSuchRoute = new(
        "no route of this API answers the path; see the API reference",
        "本 API 没有与该路径对应的路由；见 API 参考");

    /// <summary>405 from routing.</summary>
    public static readonly ProblemSentence MethodNotAllowed = new(
        "the route does not take this method; see the API reference",
        "该路由不接受此方法；见 API 参考");

    /// <summary>415 from routing.</summary>
    public static readonly ProblemSentence UnsupportedMediaType = new(
        "the route does not take this content type; see the API reference",
        "该路由不接受此内容类型；见 API 参考");

    /// <summary>413 from the server's body limit.</summary>
    public static readonly ProblemSentence BodyTooLarge = new(
        "the request body exceeds this endpoint's limit",
        "请求正文超过此端点的上限");

    /// <summary>400: a digest-valued member did not parse; the first value names the member.</summary>
    public static readonly ProblemTemplate<string, DigestReason> DigestInvalid = new(
        "{0}: {1}",
        "{0} 无效：{1:zh}");

    /// <summary>400: a proof code of too many hashes.</summary>
    public static readonly ProblemTemplate<int> ProofTooLong = new(
        "proof: a proof has at most {0} hashes",
        "proof 无效：证明最多包含 {0} 个哈希");

    /// <summary>400: a proof code that is not base64url.</summary>
    public static readonly ProblemSentence ProofNotBase64Url = new(
        "proof: not base64url",
        "proof 无效：不是 base64url 编码");

    /// <summary>400: a proof code of a partial hash.</summary>
    public static readonly ProblemTemplate<int> ProofPartialHash = new(
        "proof: {0} bytes is not a whole number of 32-byte hashes",
        "proof 无效：{0} 个字节不是整数个 32 字节哈希");

    /// <summary>The sentence for a proof code refused with <paramref name="fault"/> (<paramref name="decodedBytes"/> for a partial hash).</summary>
    public static ProblemText ProofInvalid(ProofCodeFault fault, int decodedBytes) => fault switch
    {
        ProofCodeFault.TooLong => ProofTooLong.With(ReceiptBatch.MaxProofLength),
        ProofCodeFault.NotBase64Url => ProofNotBase64Url,
        _ => ProofPartialHash.With(decodedBytes),
    };

    /// <summary>503: the store could not be reached while answering; the value is the store's error code, never its message.</summary>
    public static readonly ProblemTemplate<string> StoreUnreachable = new(
        "the node's store could not be reached ({0}); try again after Retry-After seconds",
        "无法访问节点的数据库（{0}）；请在 Retry-After 秒后重试");
}
