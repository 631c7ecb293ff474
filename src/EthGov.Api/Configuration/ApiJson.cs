using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthGov.Api.Configuration;

/// <summary>JSON as the API writes it: camelCase, enums as kebab-case words, absent values left out.</summary>
public static class ApiJson
{
    /// <summary>Applies EthGov's settings to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }
}
