using System.Net;
using System.Text.Json;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>Asserts on RFC 7807 answers.</summary>
public static class Problem
{
    /// <summary>Asserts the status and the problem type (the part after https://ethgov.dev/problems/); returns the body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal("https://ethgov.dev/problems/" + type, body.GetProperty("type").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }
}
