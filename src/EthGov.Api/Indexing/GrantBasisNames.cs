using EthGov.Chain.Registry;

namespace EthGov.Api.Indexing;

/// <summary>The names the index and its events give a grant's basis, and the numbers the index stores for them (the contract's enum values).</summary>
internal static class GrantBasisNames
{
    /// <summary>The name of <paramref name="basis"/>, or its number for a value this code does not know.</summary>
    public static string Of(long basis) => basis switch
    {
        (long)GrantBasis.LegalBasis => "legal-basis",
        (long)GrantBasis.SubjectConsent => "subject-consent",
        (long)GrantBasis.KindLegalBasis => "kind-legal-basis",
        (long)GrantBasis.PasskeyConsent => "passkey-consent",
        _ => basis.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The number of a basis named by <see cref="Of"/>.</summary>
    public static long Parse(string name) => name switch
    {
        "legal-basis" => (long)GrantBasis.LegalBasis,
        "subject-consent" => (long)GrantBasis.SubjectConsent,
        "kind-legal-basis" => (long)GrantBasis.KindLegalBasis,
        "passkey-consent" => (long)GrantBasis.PasskeyConsent,
        _ => long.Parse(name, System.Globalization.CultureInfo.InvariantCulture),
    };
}
