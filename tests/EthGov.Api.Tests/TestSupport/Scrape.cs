using System.Globalization;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>A Prometheus text exposition, read for the sums a test compares.</summary>
public sealed class Scrape(string text)
{
    /// <summary>The text as served.</summary>
    public string Text { get; } = text;

    /// <summary>The sum of the samples of <paramref name="name"/> over all their label sets (0 when there is none).</summary>
    public double Sum(string name)
    {
        double sum = 0;
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ')
            {
                var value = line[(line.LastIndexOf(' ') + 1)..];
                sum += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    /// <summary>Whether a sample of <paramref name="name"/> carries <paramref name="label"/> (<c>key="value"</c>).</summary>
    public bool HasSample(string name, string label)
        => Text.Split('\n').Any(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
}
