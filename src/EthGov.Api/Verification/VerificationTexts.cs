using EthGov.Api.Problems;

namespace EthGov.Api.Verification;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class VerificationTexts
{
    /// <summary>proof: a proof needs the department whose batch it claims (?department=CODE)</summary>
    public static readonly ProblemSentence ProofAProofNeedsTheDepartment = new(
        "proof: a proof needs the department whose batch it claims (?department=CODE)",
        "proof：证明需要给出其所属批次的部门（?department=CODE）");

    /// <summary>give a digest, a receipt or both</summary>
    public static readonly ProblemSentence GiveADigestAReceiptOr = new(
        "give a digest, a receipt or both",
        "请给出指纹、凭证或两者");

    /// <summary>A receipt with more problems than listed.</summary>
    public static readonly ProblemTemplate<object?> ReceiptProblemsTruncated = new(
        "more than {0} problems in the receipt; the first {0} are listed",
        "凭证中的问题超过 {0} 个；列出了前 {0} 个");

    /// <summary>A receipt with problems.</summary>
    public static readonly ProblemTemplate<object?> ReceiptProblems = new(
        "{0} problem(s) in the receipt",
        "凭证中有 {0} 个问题");
}
