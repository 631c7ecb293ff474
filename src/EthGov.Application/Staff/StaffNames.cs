namespace EthGov.Application.Staff;

/// <summary>What a sign-in name and a department code may be: short ASCII, so they are safe in logs, CSV and the audit.</summary>
public static class StaffNames
{
    /// <summary>The longest sign-in name.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="name"/> is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.</summary>
    public static bool IsValid(string? name)
        => name is { Length: > 0 and <= MaxLength } && char.IsAsciiLetterOrDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>Whether <paramref name="code"/> is a department code: 1 to 32 letters and digits.</summary>
    public static bool IsDepartmentCode(string? code) => code is { Length: > 0 and <= 32 } && code.All(char.IsAsciiLetterOrDigit);
}
