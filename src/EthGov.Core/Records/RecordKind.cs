using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Digests;

namespace EthGov.Core.Records;

/// <summary>
/// A kind of record (<c>birth-certificate</c>, <c>driving-licence</c>): a short name of lowercase letters, digits and
/// hyphens. Its id, a <see cref="Digest"/>, stands for the kind where the chain needs 32 bytes (a kind grant's record id).
/// </summary>
public static class RecordKind
{
    /// <summary>The longest name a kind may have.</summary>
    public const int MaxNameLength = 40;

    private const string IdPrefix = "ethgov:record-kind:";

    /// <summary>The kind's id: SHA-256 of UTF-8 <c>"ethgov:record-kind:" + name</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid kind name.</exception>
    public static Digest Id(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a record kind: use 1 to {MaxNameLength} characters a-z, 0-9 and '-'", nameof(name));
        }

        return new Digest(SHA256.HashData(Encoding.UTF8.GetBytes(IdPrefix + name)));
    }

    /// <summary>True when <paramref name="name"/> matches <c>[a-z0-9-]{1,40}</c>.</summary>
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
}
