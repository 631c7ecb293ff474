namespace EthGov.Application.Passkeys;

/// <summary>How roles are written in requests, answers and the database: <c>self</c> and <c>guardian</c>.</summary>
public static class PasskeyRoleNames
{
    /// <summary>The name of <paramref name="role"/>.</summary>
    public static string Name(PasskeyRole role) => role == PasskeyRole.Guardian ? "guardian" : "self";

    /// <summary>The role <paramref name="name"/> names, or null for anything else.</summary>
    public static PasskeyRole? Parse(string? name) => name switch
    {
        "self" => PasskeyRole.Self,
        "guardian" => PasskeyRole.Guardian,
        _ => null,
    };
}
