using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EthGov.Api.Health;

/// <summary>Writes readiness as JSON with one line per check, so an operator reads why it is not ready.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
