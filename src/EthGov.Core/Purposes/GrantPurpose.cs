using EthGov.Core.Codes;

namespace EthGov.Core.Purposes;

/// <summary>
/// One code of EthGov's published list of purposes (<see cref="GrantPurposes"/>): why a department asks for a record, as a
/// grant records it on chain (<c>uint16 purpose</c>), the name the API and the CLI accept, and a title and a description
/// in each language, which the consent page shows the citizen.
/// </summary>
public sealed record GrantPurpose(
    ushort Number, string Name, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Description)
    : PublishedCode(Number, Name, Title, Description)
{
    /// <summary>A purpose with its English and Chinese texts.</summary>
    internal static GrantPurpose Of(ushort number, string name, string title, string chineseTitle, string description, string chineseDescription)
    {
        var (titles, descriptions) = Texts(title, chineseTitle, description, chineseDescription);
        return new(number, name, titles, descriptions);
    }
}
