using System.Reflection;
using EthGov.Application.Staff;

namespace EthGov.Api.Staff;

/// <summary>
/// Writes the audit line of a clerk's action before the route's handler runs: who (the clerk and department), what
/// (the route's name), when, and which digest or id (from the route, or from the request body's digest, record or
/// grant member, and a revocation's note). Every route that needs a scope has it (<see cref="Auth.ScopeEndpointExtensions.RequireScope{TBuilder}"/>),
/// so no route a clerk can act through is left out. Requests made with an API key pass untouched.
/// </summary>
public static class StaffAuditFilter
{
    private static readonly string[] s_routeTargets = ["digest", "id"];
    private static readonly string[] s_bodyTargets = ["Digest", "NewDigest", "RecordId", "GrantId", "Note"];

    /// <summary>The endpoint filter.</summary>
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        => context.HttpContext.User.Identity is StaffIdentity staff ? AuditAsync(context, next, staff) : next(context);

    // A clerk's request; a key's goes straight on above, without a state machine of its own on every request.
    private static async ValueTask<object?> AuditAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, StaffIdentity staff)
    {
        var http = context.HttpContext;
        try
        {
            await http.RequestServices.GetRequiredService<StaffAudit>().WriteAsync(
                staff.Account.Name, staff.Account.Department, ActionOf(http), TargetOf(context), http.RequestAborted);
        }
        catch (StaffAuditUnavailableException)
        {
            return StaffProblems.AuditUnavailable();
        }

        return await next(context);
    }

    /// <summary>The route's name, or its method and pattern when it has none.</summary>
    public static string ActionOf(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
            ?? $"{http.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";
    }

    private static string? TargetOf(EndpointFilterInvocationContext context)
    {
        var targets = new List<string>();
        foreach (var name in s_routeTargets)
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue(name, out var value) && value is string text)
            {
                targets.Add($"{name}={text}");
            }
        }

        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument.GetType().Namespace?.StartsWith("EthGov.", StringComparison.Ordinal) != true)
            {
                continue;
            }

            foreach (var name in s_bodyTargets)
            {
                if (argument.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(argument) is { } member)
                {
                    targets.Add($"{char.ToLowerInvariant(name[0])}{name[1..]}={member}");
                }
            }

            if (argument.GetType().GetProperty("Digests", BindingFlags.Public | BindingFlags.Instance)?.GetValue(argument) is string[] { Length: > 0 } digests)
            {
                targets.Add($"digests={digests.Length} from {digests[0]}");
            }
        }

        return targets.Count == 0 ? null : string.Join(' ', targets);
    }
}
