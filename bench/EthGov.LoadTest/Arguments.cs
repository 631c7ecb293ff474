namespace EthGov.LoadTest;

/// <summary>The few command-line switches this tool takes: <c>--name value</c> pairs and bare flags.</summary>
internal sealed class Arguments(string[] args)
{
    public string Command => args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "";

    public bool Flag(string name) => args.Contains(name);

    public string? Value(string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public string Required(string name) => Value(name) ?? throw new ArgumentException($"{name} is required");

    public int Int(string name, int fallback) =>
        Value(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
