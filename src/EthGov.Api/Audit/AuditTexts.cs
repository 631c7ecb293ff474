using EthGov.Api.Problems;

namespace EthGov.Api.Audit;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class AuditTexts
{
    /// <summary>a key reads the timeline of its own department only</summary>
    public static readonly ProblemSentence AKeyReadsTheTimelineOf = new(
        "a key reads the timeline of its own department only",
        "密钥只能读取本部门的时间线");
}
