using System.Globalization;
using EthGov.Api.Problems;
using EthGov.Chain.Registry;

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

    /// <summary>A new key's consent refused; the value is the consent check's own account.</summary>
    public static readonly ProblemTemplate<object?> ConsentInvalid = new(
        "{0}",
        "新密钥的同意书无效：{0}");
}
