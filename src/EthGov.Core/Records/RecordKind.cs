using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Digests;

namespace EthGov.Core.Records;

/// <summary>
/// A kind of record a department issues (<c>birth-certificate</c>, <c>vehicle-registration</c>): a short name of
/// lowercase letters, digits and hyphens, 1 to 40 characters. A kind grant names the kind by its id, which is what the
/// chain holds in the grant's record id.
/// </summary>
public static class RecordKind
{
    /// <summary>The longest kind name.</summary>
    public const int MaxNameLength = 40;

    private const string IdPrefix = "ethgov:record-kind:";

    /// <summary>Whether <paramref name="name"/> is a kind name: <c>[a-z0-9-]{1,40}</c>.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The kind's id: SHA-256 of UTF-8 <c>"ethgov:record-kind:" + name</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a kind name.</exception>
    public static Digest Id(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"a record kind is 1 to {MaxNameLength} characters of a-z, 0-9 and '-', got '{name}'", nameof(name));
        }

        return new Digest(SHA256.HashData(Encoding.UTF8.GetBytes(IdPrefix + name)));
    }
}
