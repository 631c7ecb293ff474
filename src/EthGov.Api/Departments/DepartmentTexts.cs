using System.Globalization;
using System.Numerics;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;

namespace EthGov.Api.Departments;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class DepartmentTexts
{
    /// <summary>id: a positive proposal number is required</summary>
    public static readonly ProblemSentence IdAPositiveProposalNumberIs = new(
        "id: a positive proposal number is required",
        "id：须为正整数的提案编号");

    /// <summary>add-department needs code, name and a signer address (0x + 40 hex digits)</summary>
    public static readonly ProblemSentence AddDepartmentNeedsCodeNameAnd = new(
        "add-department needs code, name and a signer address (0x + 40 hex digits)",
        "add-department 需要代码、名称和一个签名密钥地址（0x 加 40 位十六进制数字）");

    /// <summary>department: the target department's code is required</summary>
    public static readonly ProblemSentence DepartmentTheTargetDepartmentSCode = new(
        "department: the target department's code is required",
        "department：须给出目标部门的代码");

    /// <summary>signers: the department's new keys, 1 to 8 addresses (0x + 40 hex digits)</summary>
    public static readonly ProblemSentence SignersTheDepartmentSNewKeys = new(
        "signers: the department's new keys, 1 to 8 addresses (0x + 40 hex digits)",
        "signers：部门的新密钥，1 至 8 个地址（0x 加 40 位十六进制数字）");

    /// <summary>key: the compromised key's address (0x + 40 hex digits) is required</summary>
    public static readonly ProblemSentence KeyTheCompromisedKeySAddress = new(
        "key: the compromised key's address (0x + 40 hex digits) is required",
        "key：须给出泄露密钥的地址（0x 加 40 位十六进制数字）");

    /// <summary>grantIds: positive grant numbers</summary>
    public static readonly ProblemSentence GrantIdsPositiveGrantNumbers = new(
        "grantIds: positive grant numbers",
        "grantIds：须为正整数的授权编号");

    /// <summary>grantIds: the grants to revoke are required</summary>
    public static readonly ProblemSentence GrantIdsTheGrantsToRevokeAre = new(
        "grantIds: the grants to revoke are required",
        "grantIds：须给出要撤销的授权");

    /// <summary>threshold: the new threshold is required</summary>
    public static readonly ProblemSentence ThresholdTheNewThresholdIsRequired = new(
        "threshold: the new threshold is required",
        "threshold：须给出新的法定人数");

    /// <summary>kind: one of add-department, suspend-department, restore-department, change-threshold, replace-signers, report</summary>
    public static readonly ProblemSentence KindOneOfAddDepartmentSuspend = new(
        "kind: one of add-department, suspend-department, restore-department, change-threshold, replace-signers, report-compromised-key, revoke-grants, clear-node",
        "kind：须为 add-department、suspend-department、restore-department、change-threshold、replace-signers、report-compromised-key、revoke-grants、clear-node 之一");

    /// <summary>no department with code {0}</summary>
    public static readonly ProblemTemplate<object?> NoDepartmentWithCode = new(
        "no department with code {0}",
        "没有代码为 {0} 的部门");

    /// <summary>status: pending (the default) or all</summary>
    public static readonly ProblemSentence StatusPendingTheDefaultOrAll = new(
        "status: pending (the default) or all",
        "status：pending（默认）或 all");

    /// <summary>signer: the key's address (0x + 40 hex digits) is required</summary>
    public static readonly ProblemSentence SignerTheKeySAddress0x = new(
        "signer: the key's address (0x + 40 hex digits) is required",
        "signer：须给出密钥地址（0x 加 40 位十六进制数字）");

    /// <summary>kind: add-signer or remove-signer</summary>
    public static readonly ProblemSentence KindAddSignerOrRemoveSigner = new(
        "kind: add-signer or remove-signer",
        "kind：add-signer 或 remove-signer");

    /// <summary>compromisedSince: when the compromise began is required</summary>
    public static readonly ProblemSentence CompromisedSinceWhenTheCompromiseBeganIs = new(
        "compromisedSince: when the compromise began is required",
        "compromisedSince：须给出泄露开始的时间");

    /// <summary>compromisedSince {0:O} lies before 1970</summary>
    public static readonly ProblemTemplate<object?> CompromisedSinceLiesBefore1970 = new(
        "compromisedSince {0:O} lies before 1970",
        "compromisedSince {0:O} 早于 1970 年");

    /// <summary>id: a positive change number is required</summary>
    public static readonly ProblemSentence IdAPositiveChangeNumberIs = new(
        "id: a positive change number is required",
        "id：须为正整数的变更编号");

    /// <summary>A proposal deadline that has passed.</summary>
    public static readonly ProblemTemplate<string> DeadlinePassed = new(
        "the deadline {0} has passed; a proposal's deadline lies in the future",
        "期限无效：期限 {0} 已经过去；提案的期限必须在将来");

    /// <summary>A proposal deadline beyond the longest a proposal stays open.</summary>
    public static readonly ProblemTemplate<string> DeadlineTooFarAhead = new(
        "the deadline {0} is more than 30 days ahead; a proposal stays open at most 30 days",
        "期限无效：期限 {0} 超过 30 天之后；提案最多开放 30 天");

    /// <summary>The sentence for a proposal deadline <paramref name="deadline"/> refused with <paramref name="fault"/>.</summary>
    public static ProblemText DeadlineInvalid(TimeLimitFault fault, DateTimeOffset deadline)
        => (fault == TimeLimitFault.Passed ? DeadlinePassed : DeadlineTooFarAhead)
            .With(deadline.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>No consent in the request.</summary>
    public static readonly ProblemSentence ConsentRequired = new(
        "consent: the new key's consent is required, as the token or the file `ethgov keys consent` made",
        "新密钥的同意书无效：须提供新密钥的同意书，即 ethgov 命令 keys consent 生成的令牌或文件");

    /// <summary>A consent for another registry: its registry and chain, then the expected ones.</summary>
    public static readonly ProblemTemplate<string, ulong, string, ulong> ConsentOtherRegistry = new(
        "the consent is for registry {0} on chain {1}, not registry {2} on chain {3}",
        "新密钥的同意书无效：同意书针对链 {1} 上的登记合约 {0}，而不是链 {3} 上的登记合约 {2}");

    /// <summary>A consent by another key: its key, then the expected one.</summary>
    public static readonly ProblemTemplate<string, string> ConsentOtherKey = new(
        "the consent is by key {0}, not by {1}",
        "新密钥的同意书无效：同意书由密钥 {0} 签署，而不是 {1}");

    /// <summary>A consent for another department: its department, the expected one, the key.</summary>
    public static readonly ProblemTemplate<uint, uint, string> ConsentOtherDepartment = new(
        "the consent was signed for department {0}, not for department {1}: key {2} agreed to join another department",
        "新密钥的同意书无效：同意书是为部门 {0} 而非部门 {1} 签署的：密钥 {2} 同意加入的是另一部门");

    /// <summary>A consent at an old nonce: its nonce, the key, the key's nonce now.</summary>
    public static readonly ProblemTemplate<BigInteger, string, BigInteger> ConsentNonceMoved = new(
        "the consent was signed at nonce {0} of key {1}, whose nonce is now {2}: it was used, or a newer signature of that key was; sign a new one",
        "新密钥的同意书无效：签署时密钥 {1} 的 nonce 为 {0}，现在为 {2}：同意书已被使用，或该密钥已有更新的签名；请重新签署");

    /// <summary>A consent past its deadline.</summary>
    public static readonly ProblemTemplate<string> ConsentExpired = new(
        "the consent expired at {0}; sign a new one",
        "新密钥的同意书无效：同意书已于 {0} 过期；请重新签署");

    /// <summary>A signature that is not the key's consent: the key, the department.</summary>
    public static readonly ProblemTemplate<string, uint> ConsentNotSignedByKey = new(
        "the signature is not key {0}'s consent to join department {1} (signed for another department, registry or nonce, or by another key)",
        "新密钥的同意书无效：该签名不是密钥 {0} 加入部门 {1} 的同意（签署对象是另一部门、登记合约或 nonce，或由另一密钥签署）");

    /// <summary>Neither a file nor a token; the value is the token's hex digits.</summary>
    public static readonly ProblemTemplate<int> ConsentNotAConsent = new(
        "a consent is a JSON file written by `ethgov keys consent` or its token: 0x + {0} hex digits",
        "新密钥的同意书无效：同意书是 ethgov 命令 keys consent 生成的 JSON 文件或其令牌：0x 加 {0} 位十六进制数字");

    /// <summary>A token beyond the year 9999.</summary>
    public static readonly ProblemSentence ConsentDeadlineBeyond9999 = new(
        "the consent token's deadline is beyond the year 9999",
        "新密钥的同意书无效：同意书令牌的期限超过 9999 年");

    /// <summary>A file that is not JSON.</summary>
    public static readonly ProblemTemplate<JsonErrorPlace> ConsentFileNotJson = new(
        "the consent file is not valid JSON: {0}",
        "新密钥的同意书无效：同意书文件不是有效的 JSON（{0:zh}）");

    /// <summary>A file without every field.</summary>
    public static readonly ProblemSentence ConsentFileIncomplete = new(
        "the consent file needs chainId, registry, departmentId, signer, nonce, deadline (unix seconds) and a 65-byte signature (0x + 130 hex digits)",
        "新密钥的同意书无效：同意书文件须包含 chainId、registry、departmentId、signer、nonce、deadline（unix 秒）和 65 字节的签名（0x 加 130 位十六进制数字）");

    /// <summary>The sentence for a consent that could not be read.</summary>
    public static ProblemText ConsentUnread(SignerConsentFault fault, JsonException? notJson) => fault switch
    {
        SignerConsentFault.NotAConsent => ConsentNotAConsent.With(SignerConsent.TokenHexDigits),
        SignerConsentFault.DeadlineBeyond9999 => ConsentDeadlineBeyond9999,
        SignerConsentFault.FileNotJson => ConsentFileNotJson.With(new JsonErrorPlace(notJson)),
        _ => ConsentFileIncomplete,
    };

    /// <summary>The sentence for <paramref name="consent"/> refused with <paramref name="fault"/> against what was expected.</summary>
    public static ProblemText ConsentMismatch(SignerConsent consent, SignerConsentFault fault, ulong chainId, string registry, uint departmentId, string signer, BigInteger nonce)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return fault switch
        {
            SignerConsentFault.OtherRegistry => ConsentOtherRegistry.With(consent.Registry, consent.ChainId, registry, chainId),
            SignerConsentFault.OtherKey => ConsentOtherKey.With(consent.Signer, signer),
            SignerConsentFault.OtherDepartment => ConsentOtherDepartment.With(consent.DepartmentId, departmentId, signer),
            SignerConsentFault.NonceMoved => ConsentNonceMoved.With(consent.Nonce, signer, nonce),
            SignerConsentFault.Expired => ConsentExpired.With(consent.DeadlineText),
            _ => ConsentNotSignedByKey.With(signer, departmentId),
        };
    }
}
