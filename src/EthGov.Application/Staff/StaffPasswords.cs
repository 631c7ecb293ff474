using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace EthGov.Application.Staff;

/// <summary>
/// Staff passwords: hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, its current
/// format and iteration count), never stored in clear. A name that has no account is checked against a hash made at
/// start, so it costs the same time as a wrong password for a known name and timing does not tell which names exist.
/// </summary>
public sealed class StaffPasswords
{
    /// <summary>The shortest password a clerk may choose.</summary>
    public const int MinLength = 12;

    /// <summary>The longest password taken; anything longer is refused before hashing (a hash of megabytes is a way to load the node).</summary>
    public const int MaxLength = 256;

    /// <summary>The fewest different characters a password has.</summary>
    public const int MinDistinct = 5;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private readonly IPasswordHasher<StaffAccount> _hasher;
    private readonly string _unknownNameHash;

    /// <summary>Passwords hashed with Identity's PBKDF2 hasher.</summary>
    public StaffPasswords()
        : this(new PasswordHasher<StaffAccount>())
    {
    }

    /// <summary>Passwords hashed with <paramref name="hasher"/>; makes the hash that unknown names are checked against.</summary>
    public StaffPasswords(IPasswordHasher<StaffAccount> hasher)
    {
        _hasher = hasher;
        _unknownNameHash = _hasher.HashPassword(null!, NewOneTimePassword());
    }

    /// <summary>The stored form of <paramref name="password"/>.</summary>
    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>; <paramref name="rehash"/> when the hash's format is outdated.</summary>
    public bool Verify(string hash, string password, out bool rehash)
    {
        var result = _hasher.VerifyHashedPassword(null!, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Spends the time of one verification, for a name without an account.</summary>
    public void VerifyUnknownName(string password) => _hasher.VerifyHashedPassword(null!, _unknownNameHash, password);

    /// <summary>Why <paramref name="password"/> may not be chosen, in English (for the CLI), or null when it may.</summary>
    public static string? Weakness(string? password, string name) => RejectionOf(password, name) is { } rejection ? Describe(rejection) : null;

    /// <summary>Why <paramref name="password"/> may not be chosen, as a code, or null when it may.</summary>
    public static PasswordRejection? RejectionOf(string? password, string name)
        => password is null || password.Length < MinLength ? PasswordRejection.TooShort
            : password.Length > MaxLength ? PasswordRejection.TooLong
            : password.Contains(name, StringComparison.OrdinalIgnoreCase) ? PasswordRejection.ContainsName
            : password.Distinct().Count() < MinDistinct ? PasswordRejection.TooFewDistinct
            : null;

    /// <summary>The English sentence for <paramref name="rejection"/>.</summary>
    public static string Describe(PasswordRejection rejection) => rejection switch
    {
        PasswordRejection.TooShort => $"a password needs at least {MinLength} characters",
        PasswordRejection.TooLong => $"a password has at most {MaxLength} characters",
        PasswordRejection.ContainsName => "a password may not contain the sign-in name",
        PasswordRejection.TooFewDistinct => $"a password needs at least {MinDistinct} different characters",
        _ => "the new password must differ from the current one",
    };

    /// <summary>A random password of 20 characters (about 116 bits), without look-alike characters.</summary>
    public static string NewOneTimePassword() => RandomNumberGenerator.GetString(Alphabet, 20);
}
