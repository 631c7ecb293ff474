namespace EthGov.Core.Codes;

/// <summary>The languages every published code's title and description is given in.</summary>
public static class CodeLanguages
{
    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>Both, English first.</summary>
    public static IReadOnlyList<string> All { get; } = [English, Chinese];
}
