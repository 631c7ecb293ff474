using EthGov.Core.Codes;

namespace EthGov.Core.Revocations;

/// <summary>
/// One code of EthGov's published list of revocation reasons (<see cref="RevocationReasons"/>): the number the registry
/// records on chain, the name the API and the CLI accept, and a title and a description in each language.
/// </summary>
public sealed record RevocationReason(
    ushort Number, string Name, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Description)
    : PublishedCode(Number, Name, Title, Description)
{
    /// <summary>A reason with its English and Chinese texts.</summary>
    internal static RevocationReason Of(ushort number, string name, string title, string chineseTitle, string description, string chineseDescription)
    {
        var (titles, descriptions) = Texts(title, chineseTitle, description, chineseDescription);
        return new(number, name, titles, descriptions);
    }
}
