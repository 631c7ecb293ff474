using EthGov.Application.ApiKeys;

namespace EthGov.Application.Staff;

/// <summary>
/// What a clerk may do: the API key scopes (a clerk with role <c>revoke</c> may do what a key with scope
/// <c>revoke</c> may), and <see cref="Approver"/>, reserved for the second clerk of a four-eyes approval.
/// </summary>
/// <param name="Scopes">The scopes the roles give.</param>
/// <param name="Approver">Whether the clerk may approve another clerk's request.</param>
public readonly record struct StaffRoles(ApiKeyScopes Scopes, bool Approver)
{
    /// <summary>The role name that is not a scope.</summary>
    public const string ApproverName = "approver";

    /// <summary>Every role name, the scopes' first.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. ApiKeyScopeNames.Known, ApproverName];

    /// <summary>No role at all.</summary>
    public static StaffRoles None => default;

    /// <summary>Whether the clerk holds no role.</summary>
    public bool IsEmpty => Scopes == ApiKeyScopes.None && !Approver;

    /// <summary>The role names, in order.</summary>
    public string[] Names() => Approver ? [.. ApiKeyScopeNames.Names(Scopes), ApproverName] : ApiKeyScopeNames.Names(Scopes);

    /// <summary>The names joined by commas, as stored.</summary>
    public string Format() => string.Join(',', Names());

    /// <summary>
    /// Reads role names separated by commas (case and blanks ignored); false with the offending name in
    /// <paramref name="error"/> when one is unknown. An empty text is no role, which is valid (a disabled clerk's).
    /// </summary>
    public static bool TryParse(string? text, out StaffRoles roles, out string? error)
    {
        roles = None;
        var scopes = ApiKeyScopes.None;
        var approver = false;
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(part, ApproverName, StringComparison.OrdinalIgnoreCase))
            {
                approver = true;
                continue;
            }

            if (!ApiKeyScopeNames.TryParse(part, out var scope, out _))
            {
                error = $"unknown role '{part}': use {string.Join(", ", Known)}";
                return false;
            }

            scopes |= scope;
        }

        roles = new StaffRoles(scopes, approver);
        error = null;
        return true;
    }
}
