using System.Text.RegularExpressions;

namespace EthGov.Api.Problems;

/// <summary>
/// Why a digest did not parse (<see cref="EthGov.Core.Digests.Digest.TryParse(string?, out EthGov.Core.Digests.Digest, out string?)"/>'s
/// account) as a value of a detail sentence: <c>{0:zh}</c> says it in Chinese, any other format in the parser's English.
/// The character, position and counts stay as they are; an account this class does not know stays English.
/// </summary>
public sealed partial class DigestReason : IFormattable
{
    private readonly string _english;
    private readonly string _chinese;

    private DigestReason(string english, string chinese)
    {
        _english = english;
        _chinese = chinese;
    }

    /// <summary>The reason the parser gave, with its Chinese form.</summary>
    public static DigestReason Of(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string? chinese = error switch
        {
            "no value" => "没有值",
            "missing '0x' prefix" => "缺少 '0x' 前缀",
            _ when NonHex().Match(error) is { Success: true } m => $"第 {m.Groups[2].Value} 位的字符 '{m.Groups[1].Value}' 不是十六进制数字",
            _ when OddCount().Match(error) is { Success: true } m => $"十六进制数字的个数为奇数（{m.Groups[1].Value}）",
            _ when WrongLength().Match(error) is { Success: true } m => $"长度错误：{m.Groups[1].Value} 位十六进制数字，应为 {m.Groups[2].Value} 位",
            _ => null,
        };
        return new DigestReason(error, chinese ?? error);
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => format == "zh" ? _chinese : _english;

    /// <inheritdoc />
    public override string ToString() => _english;

    [GeneratedRegex(@"^non-hex character '(.)' at position (\d+)$", RegexOptions.Singleline)]
    private static partial Regex NonHex();

    [GeneratedRegex(@"^odd number of hex digits \((\d+)\)$")]
    private static partial Regex OddCount();

    [GeneratedRegex(@"^wrong length: (\d+) hex digits instead of (\d+)$")]
    private static partial Regex WrongLength();
}
