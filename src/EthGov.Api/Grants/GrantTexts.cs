using System.Globalization;
using EthGov.Api.Problems;
using EthGov.Chain.Registry;

namespace EthGov.Api.Grants;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class GrantTexts
{
    /// <summary>listing by grantee needs the grantee department's key</summary>
    public static readonly ProblemSentence ListingByGranteeNeedsTheGrantee = new(
        "listing by grantee needs the grantee department's key",
        "按被授权部门列出需要被授权部门的密钥");

    /// <summary>a key lists the grants of its own department only</summary>
    public static readonly ProblemSentence AKeyListsTheGrantsOf = new(
        "a key lists the grants of its own department only",
        "密钥只能列出本部门的授权");

    /// <summary>give recordId, grantee or grantor</summary>
    public static readonly ProblemSentence GiveRecordIdGranteeOrGrantor = new(
        "give recordId, grantee or grantor",
        "请给出 recordId、grantee 或 grantor");

    /// <summary>A list by grantor without a key or clerk.</summary>
    public static readonly ProblemSentence ListingByGrantorNeedsTheGrantor = new(
        "listing by grantor needs the grantor department's key",
        "按授权部门列出需要授权部门的密钥");

    /// <summary>A list of another department's grants given.</summary>
    public static readonly ProblemSentence AKeyListsTheGrantsItsOwnDepartmentGave = new(
        "a key lists the grants its own department gave only",
        "密钥只能列出本部门给出的授权");

    /// <summary>department {0} did not anchor {1} (on its own, or in a batch this API anchored for it); a legal-basis grant is</summary>
    public static readonly ProblemTemplate<object?, object?> DepartmentDidNotAnchorOnIts = new(
        "department {0} did not anchor {1} (on its own, or in a batch this API anchored for it); a legal-basis grant is only for a record the grantor department issued",
        "部门 {0} 没有记入 {1}（单独记入或由本服务代其批量记入）；依法授权只适用于授权部门签发的记录");

    /// <summary>kind: 1 to {0} characters of a-z, 0-9 and '-' (for example birth-certificate)</summary>
    public static readonly ProblemTemplate<object?> Kind1ToCharactersOfA = new(
        "kind: 1 to {0} characters of a-z, 0-9 and '-' (for example birth-certificate)",
        "kind：1 至 {0} 个字符，限 a-z、0-9 和 '-'（例如 birth-certificate）");

    /// <summary>granteeDepartment {0} is the caller's own department</summary>
    public static readonly ProblemTemplate<object?> GranteeDepartmentIsTheCallerSOwn = new(
        "granteeDepartment {0} is the caller's own department",
        "granteeDepartment {0} 是调用方自己的部门");

    /// <summary>granteeDepartment: the receiving department's code is required</summary>
    public static readonly ProblemSentence GranteeDepartmentTheReceivingDepartmentSCode = new(
        "granteeDepartment: the receiving department's code is required",
        "granteeDepartment：须给出接收部门的代码");

    /// <summary>purpose: a code from 0 to 65535 is required</summary>
    public static readonly ProblemSentence PurposeACodeFrom0To = new(
        "purpose: a code from 0 to 65535 is required",
        "purpose：须给出 0 至 65535 之间的代码");

    /// <summary>A purpose not on the list; the values are the code as echoed (<c>CodeEcho</c>) and the list by name and number.</summary>
    public static readonly ProblemTemplate<string, string> PurposeNotListed = new(
        "purpose: '{0}' is not a listed purpose; use one of {1}",
        "purpose 无效：'{0}' 不在用途代码表中；请使用 {1} 之一");

    /// <summary>expiresAt: when the access ends is required</summary>
    public static readonly ProblemSentence ExpiresAtWhenTheAccessEndsIs = new(
        "expiresAt: when the access ends is required",
        "expiresAt：须给出访问结束的时间");

    /// <summary>id: a positive grant number is required</summary>
    public static readonly ProblemSentence IdAPositiveGrantNumberIs = new(
        "id: a positive grant number is required",
        "id：须为正整数的授权编号");

    /// <summary>terms.use: view-once or store, not '{0}'</summary>
    public static readonly ProblemTemplate<object?> TermsUseViewOnceOrStore = new(
        "terms.use: view-once or store, not '{0}'",
        "terms.use：须为 view-once 或 store，不能是 '{0}'");

    /// <summary>terms.retentionDays: 0 to 65535</summary>
    public static readonly ProblemSentence TermsRetentionDays0To65535 = new(
        "terms.retentionDays: 0 to 65535",
        "terms.retentionDays：0 至 65535");

    /// <summary>terms.maxFetches: 1 to 65535</summary>
    public static readonly ProblemSentence TermsMaxFetches1To65535 = new(
        "terms.maxFetches: 1 to 65535",
        "terms.maxFetches：1 至 65535");

    /// <summary>terms.revocableBy: a list of grantor and grantee</summary>
    public static readonly ProblemSentence TermsRevocableByAListOfGrantor = new(
        "terms.revocableBy: a list of grantor and grantee",
        "terms.revocableBy：由 grantor 和 grantee 组成的列表");

    /// <summary>An expiry that has passed.</summary>
    public static readonly ProblemTemplate<string> ExpiryPassed = new(
        "expiresAt {0} has passed; a grant's expiry lies in the future",
        "到期时间无效：expiresAt {0} 已经过去；授权的到期时间必须在将来");

    /// <summary>An expiry beyond the longest lifetime.</summary>
    public static readonly ProblemTemplate<string> ExpiryTooFarAhead = new(
        "expiresAt {0} is more than 366 days ahead; a grant runs at most 366 days and is made again when it is still needed",
        "到期时间无效：expiresAt {0} 超过 366 天之后；授权最长 366 天，仍需要时重新授予");

    /// <summary>Terms of an unknown use.</summary>
    public static readonly ProblemTemplate<int> TermsUnknownUse = new(
        "terms: use {0} is neither view-once nor store",
        "授权条款无效：use {0} 既不是 view-once 也不是 store");

    /// <summary>Terms without fetches.</summary>
    public static readonly ProblemSentence TermsNoFetches = new(
        "terms: maxFetches must be at least 1",
        "授权条款无效：maxFetches 至少为 1");

    /// <summary>Terms naming an unknown revoker.</summary>
    public static readonly ProblemTemplate<int> TermsUnknownRevoker = new(
        "terms: revocableBy {0} names no known side (1 grantor, 2 grantee)",
        "授权条款无效：revocableBy {0} 没有指明已知的一方（1 为 grantor，2 为 grantee）");

    /// <summary>View-once terms that keep the record.</summary>
    public static readonly ProblemSentence TermsViewOnceRetains = new(
        "terms: a view-once grant keeps nothing: retentionDays must be 0",
        "授权条款无效：view-once 授权不保留任何内容，retentionDays 必须为 0");

    /// <summary>Store terms that keep nothing.</summary>
    public static readonly ProblemSentence TermsStoreRetainsNothing = new(
        "terms: a store grant keeps the record for a time: retentionDays must be at least 1",
        "授权条款无效：store 授权会保留记录一段时间，retentionDays 至少为 1");

    /// <summary>A consent its subject could not revoke.</summary>
    public static readonly ProblemSentence TermsConsentNotRevocable = new(
        "terms: a consent stays revocable by its subject: revocableBy must include grantor",
        "授权条款无效：同意必须可由其主体撤销，revocableBy 必须包含 grantor");

    /// <summary>The sentence for an expiry <paramref name="expiresAt"/> refused with <paramref name="fault"/>.</summary>
    public static ProblemText ExpiryInvalid(TimeLimitFault fault, DateTimeOffset expiresAt)
        => (fault == TimeLimitFault.Passed ? ExpiryPassed : ExpiryTooFarAhead).With(expiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>The sentence for <paramref name="terms"/> refused with <paramref name="fault"/>.</summary>
    public static ProblemText TermsInvalid(GrantTermsFault fault, GrantTerms terms) => fault switch
    {
        GrantTermsFault.UnknownUse => TermsUnknownUse.With((int)terms.Use),
        GrantTermsFault.NoFetches => TermsNoFetches,
        GrantTermsFault.UnknownRevoker => TermsUnknownRevoker.With((int)terms.RevocableBy),
        GrantTermsFault.ViewOnceRetains => TermsViewOnceRetains,
        GrantTermsFault.StoreRetainsNothing => TermsStoreRetainsNothing,
        _ => TermsConsentNotRevocable,
    };
}
