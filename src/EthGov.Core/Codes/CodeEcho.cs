namespace EthGov.Core.Codes;

/// <summary>
/// A text that names no listed code, as a refusal repeats it in one line: trimmed, control characters shown as
/// <c>?</c>, and cut after 40 characters, so long or control-laden input is not printed back.
/// </summary>
public static class CodeEcho
{
    private const int MaxLength = 40;

    /// <summary>How a refusal shows <paramref name="text"/>.</summary>
    public static string Of(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var clean = new string(trimmed.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > MaxLength ? clean[..MaxLength] + "…" : clean;
    }
}
