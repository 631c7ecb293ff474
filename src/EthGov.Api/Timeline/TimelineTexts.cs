using EthGov.Api.Problems;

namespace EthGov.Api.Timeline;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class TimelineTexts
{
    /// <summary>digest: {0}</summary>
    public static readonly ProblemTemplate<object?> Digest = new(
        "digest: {0}",
        "digest 无效：{0}");
}
