namespace EthGov.Core.Verification;

/// <summary>
/// One sentence of a check's detail, as a key of <see cref="CheckPhrases"/> and the values it names, so that a reader in
/// any language can say it in words of its own: the verification page has every key in English and Chinese.
/// </summary>
/// <param name="Key">A key of <see cref="CheckPhrases.English"/>.</param>
/// <param name="Values">The values its placeholders name: digests, numbers, times, department codes, never words.</param>
public sealed record CheckPhrase(string Key, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The sentence in English.</summary>
    public string English => CheckPhrases.Render(Key, Values);

    /// <summary>Values compare by content, so two checks with the same sentences are equal.</summary>
    public bool Equals(CheckPhrase? other)
        => other is not null && Key == other.Key && Values.Count == other.Values.Count
            && Values.All(v => other.Values.TryGetValue(v.Key, out var value) && value == v.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Values.Count);
}
