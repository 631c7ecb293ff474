using EthGov.Core.Codes;

namespace EthGov.Api.Codes;

/// <summary>One code of a published list (revocation reasons, purposes).</summary>
/// <param name="Number">The code recorded on chain; a request may give it instead of the name.</param>
/// <param name="Name">The name a request may give.</param>
/// <param name="Title">A few words for people, by language tag (en, zh-CN).</param>
/// <param name="Description">When it is used, by language tag.</param>
public sealed record PublishedCodeResponse(
    ushort Number, string Name, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Description)
{
    /// <summary>Every code of <paramref name="codes"/>, in its order.</summary>
    public static IReadOnlyList<PublishedCodeResponse> ListOf(IEnumerable<PublishedCode> codes)
        => [.. codes.Select(c => new PublishedCodeResponse(c.Number, c.Name, c.Title, c.Description))];
}
