namespace EthGov.Application.ApiKeys;

/// <summary>
/// The written names of <see cref="ApiKeyScopes"/> (<c>anchor</c>, <c>revoke</c>, <c>grants</c>, <c>governance</c>, <c>records</c>, <c>exchanges</c>, <c>operator</c>),
/// as the CLI takes them, the database stores them and the API reports them.
/// </summary>
public static class ApiKeyScopeNames
{
    private static readonly (ApiKeyScopes Scope, string Name)[] s_names =
    [
        (ApiKeyScopes.Anchor, "anchor"),
        (ApiKeyScopes.Revoke, "revoke"),
        (ApiKeyScopes.Grants, "grants"),
        (ApiKeyScopes.Governance, "governance"),
        (ApiKeyScopes.Records, "records"),
        (ApiKeyScopes.Exchanges, "exchanges"),
        (ApiKeyScopes.Operator, "operator"),
    ];

    /// <summary>Every scope there is.</summary>
    public static ApiKeyScopes All { get; } = s_names.Aggregate(ApiKeyScopes.None, (all, s) => all | s.Scope);

    /// <summary>
    /// What a key gets when no scope is asked for: anchoring only. It is what a department's issuing system needs,
    /// and a stolen anchoring key can neither invalidate documents already issued, nor open records to another
    /// department, nor touch governance; each of those is asked for by name.
    /// </summary>
    public static ApiKeyScopes Default => ApiKeyScopes.Anchor;

    /// <summary>The names of every scope, in order.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. s_names.Select(s => s.Name)];

    /// <summary>The names of the scopes in <paramref name="scopes"/>, in order.</summary>
    public static string[] Names(ApiKeyScopes scopes) => [.. s_names.Where(s => (scopes & s.Scope) != 0).Select(s => s.Name)];

    /// <summary>The names joined by commas, as stored: <c>anchor,revoke</c>.</summary>
    public static string Format(ApiKeyScopes scopes) => string.Join(',', Names(scopes));

    /// <summary>
    /// Reads names separated by commas (case and blanks ignored); false with the offending name in
    /// <paramref name="error"/> when one is unknown or none is given.
    /// </summary>
    public static bool TryParse(string? text, out ApiKeyScopes scopes, out string? error)
    {
        scopes = ApiKeyScopes.None;
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = Array.FindIndex(s_names, s => string.Equals(s.Name, part, StringComparison.OrdinalIgnoreCase));
            if (found < 0)
            {
                error = $"unknown scope '{part}': use {string.Join(", ", Known)}";
                return false;
            }

            scopes |= s_names[found].Scope;
        }

        error = scopes == ApiKeyScopes.None ? $"no scope given: use {string.Join(", ", Known)}" : null;
        return error is null;
    }
}
