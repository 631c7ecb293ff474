using System.Text.Json;
using System.Text.Json.Serialization;
using EthGov.Core.Digests;

namespace EthGov.Cli.Common;

/// <summary>Writes results for people (lines of text) or for programs (one JSON document with --json).</summary>
public sealed class CliOutput(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new DigestJsonConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Whether --json was given.</summary>
    public bool IsJson => json;

    /// <summary>Standard output.</summary>
    public TextWriter Out => output;

    /// <summary>Writes <paramref name="value"/> as JSON with --json, else the lines <paramref name="human"/> produces.</summary>
    public void Result(object value, Func<IEnumerable<string>> human)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, s_json));
            return;
        }

        foreach (var line in human())
        {
            output.WriteLine(line);
        }
    }

    /// <summary>A progress or status note on stderr (never mixed into --json output).</summary>
    public void Note(string message)
    {
        if (!json)
        {
            error.WriteLine(message);
        }
    }

    /// <summary>The one line an error gets.</summary>
    public void Error(string message) => error.WriteLine($"ethgov: {OneLine(message)}");

    /// <summary>
    /// Escapes control and invisible formatting characters (newlines, bidi overrides, zero-width spaces) that an
    /// error message may echo from the input, so it stays one line and shows what was really typed.
    /// </summary>
    public static string OneLine(string message)
    {
        var builder = new System.Text.StringBuilder(message.Length);
        foreach (var c in message)
        {
            if (char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
