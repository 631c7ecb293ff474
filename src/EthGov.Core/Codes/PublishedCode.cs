namespace EthGov.Core.Codes;

/// <summary>
/// One code of a list EthGov publishes for a <c>uint16</c> the registry records (revocation reasons, purposes): the
/// number on chain, the name the API and the CLI accept, and a title and a description in each language of
/// <see cref="CodeLanguages.All"/>.
/// </summary>
/// <param name="Number">The code stored on chain.</param>
/// <param name="Name">The stable name: lower-case words joined by hyphens.</param>
/// <param name="Title">A few words for people, by language tag.</param>
/// <param name="Description">When the code is used, by language tag.</param>
public abstract record PublishedCode(
    ushort Number, string Name, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Description)
{
    /// <summary>The name and the number, as one-line messages write them: <c>fraud (4)</c>.</summary>
    public sealed override string ToString() => $"{Name} ({Number})";

    /// <summary>The titles and descriptions of one code, English and Chinese, as the lists write them.</summary>
    protected static (Dictionary<string, string> Title, Dictionary<string, string> Description) Texts(
        string title, string chineseTitle, string description, string chineseDescription)
        => (new() { [CodeLanguages.English] = title, [CodeLanguages.Chinese] = chineseTitle },
            new() { [CodeLanguages.English] = description, [CodeLanguages.Chinese] = chineseDescription });
}
