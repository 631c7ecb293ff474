namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// One member of an RFC 8941 dictionary: either an item (<see cref="Item"/>) or an inner list
/// (<see cref="InnerList"/> with the list's own <see cref="Parameters"/>).
/// </summary>
internal sealed record SfDictionaryMember(string Key, SfItem? Item, IReadOnlyList<SfItem>? InnerList, IReadOnlyList<SfParameter> Parameters);
