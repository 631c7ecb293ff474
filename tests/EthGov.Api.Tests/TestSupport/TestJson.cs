using System.Text.Json;
using EthGov.Api.Configuration;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>The API's JSON settings, for reading its answers.</summary>
public static class TestJson
{
    /// <summary>Web defaults plus the API's enum and null handling.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }
}
