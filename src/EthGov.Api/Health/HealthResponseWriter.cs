using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EthGov.Api.Health;

/// <summary>
/// Writes readiness as JSON with one line per check, so an operator reads why it is not ready, and each check's
/// numbers under <c>data</c>, so a tool reads them without parsing the line.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new CheckBody(e.Value.Status.ToString(), e.Value.Description, e.Value.Data.Count == 0 ? null : e.Value.Data)),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    /// <summary>One check: its status, its line for an operator, and its numbers (left out when it has none).</summary>
    private sealed record CheckBody(
        string Status,
        string? Description,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Data);
}
