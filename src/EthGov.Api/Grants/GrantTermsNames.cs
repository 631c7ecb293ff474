using EthGov.Chain.Registry;

namespace EthGov.Api.Grants;

/// <summary>How the API writes a grant's terms: <c>use</c> as <c>view-once</c> or <c>store</c>, <c>revocableBy</c> as a list of sides.</summary>
public static class GrantTermsNames
{
    /// <summary>The name of a use.</summary>
    public static string Use(GrantUse use) => use switch
    {
        GrantUse.ViewOnce => "view-once",
        GrantUse.Store => "store",
        _ => ((int)use).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The use a name stands for, or null for an unknown name.</summary>
    public static GrantUse? ParseUse(string? name) => name switch
    {
        "view-once" => GrantUse.ViewOnce,
        "store" => GrantUse.Store,
        _ => null,
    };

    /// <summary>The sides in <paramref name="revokers"/>, grantor first.</summary>
    public static IReadOnlyList<string> Revokers(GrantRevokers revokers)
    {
        var sides = new List<string>(2);
        if (revokers.HasFlag(GrantRevokers.Grantor))
        {
            sides.Add("grantor");
        }

        if (revokers.HasFlag(GrantRevokers.Grantee))
        {
            sides.Add("grantee");
        }

        return sides;
    }

    /// <summary>The flags the sides name (<c>grantor</c>, <c>grantee</c>), or null when one is unknown.</summary>
    public static GrantRevokers? ParseRevokers(IEnumerable<string> sides)
    {
        var revokers = GrantRevokers.None;
        foreach (var side in sides)
        {
            switch (side.Trim().ToLowerInvariant())
            {
                case "grantor": revokers |= GrantRevokers.Grantor; break;
                case "grantee": revokers |= GrantRevokers.Grantee; break;
                default: return null;
            }
        }

        return revokers;
    }
}
