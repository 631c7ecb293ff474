namespace EthGov.Core.Receipts;

/// <summary>The issuing department as the registry knew it when the document was anchored.</summary>
/// <param name="Id">Department id in the registry (ids start at 1).</param>
/// <param name="Code">Short department code, unique in the registry.</param>
/// <param name="Name">Department name for people.</param>
public sealed record ReceiptIssuer(uint Id, string Code, string Name);
