using EthGov.Api.Problems;

namespace EthGov.Api.Requests;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class RequestTexts
{
    /// <summary>this endpoint reads at most {0} bytes of JSON</summary>
    public static readonly ProblemTemplate<object?> ThisEndpointReadsAtMostBytes = new(
        "this endpoint reads at most {0} bytes of JSON",
        "此端点最多读取 {0} 字节的 JSON");

    /// <summary>{0}: {1:O} is before 1970-01-01T00:00:00Z, where the chain's time begins</summary>
    public static readonly ProblemTemplate<object?, object?> IsBefore19700101T0000 = new(
        "{0}: {1:O} is before 1970-01-01T00:00:00Z, where the chain's time begins",
        "{0}：{1:O} 早于账本时间的起点 1970-01-01T00:00:00Z");

    /// <summary>A JSON array past its bound.</summary>
    public static readonly ProblemTemplate<object?, object?> ArrayTooLong = new(
        "{0}: more than {1} elements",
        "{0}：超过 {1} 个元素");
}
