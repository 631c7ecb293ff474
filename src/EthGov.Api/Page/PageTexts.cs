using EthGov.Api.Problems;

namespace EthGov.Api.Page;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class PageTexts
{
    /// <summary>format: "{0}" is not one of png, svg</summary>
    public static readonly ProblemTemplate<object?> FormatIsNotOneOfPng = new(
        "format: \"{0}\" is not one of png, svg",
        "format：\"{0}\" 不是 png 或 svg");

    /// <summary>this node did not anchor {0}, so it has no record of its department or proof; the issuing department's node pr</summary>
    public static readonly ProblemTemplate<object?> ThisNodeDidNotAnchorSo = new(
        "this node did not anchor {0}, so it has no record of its department or proof; the issuing department's node prints its QR code",
        "本节点没有记入 {0}，因此没有其部门或证明的记录；请由签发部门的节点打印二维码");

    /// <summary>Host: "{0}" does not make a URL for the link</summary>
    public static readonly ProblemTemplate<object?> HostDoesNotMakeAURL = new(
        "Host: \"{0}\" does not make a URL for the link",
        "Host：\"{0}\" 无法组成链接地址");
}
