using EthGov.Api.Problems;

namespace EthGov.Api.Timeline;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class TimelineTexts
{
}
