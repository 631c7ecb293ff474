namespace EthGov.Api.Documents;

/// <summary>One published revocation reason.</summary>
/// <param name="Number">The code recorded on chain; a revocation request may give it instead of the name.</param>
/// <param name="Name">The name a revocation request may give.</param>
/// <param name="Title">A few words for people, by language tag (en, zh-CN).</param>
/// <param name="Description">When a department uses it, by language tag.</param>
public sealed record RevocationReasonResponse(
    ushort Number, string Name, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Description);
