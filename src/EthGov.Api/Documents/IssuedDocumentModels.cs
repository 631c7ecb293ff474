using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>One document of the department's register.</summary>
/// <param name="Digest">Its digest.</param>
/// <param name="Status"><c>pending</c>, <c>failed</c>, <c>valid</c>, <c>expired</c>, <c>revoked</c> or <c>superseded</c>.</param>
/// <param name="AcceptedAt">When the node accepted it.</param>
/// <param name="ValidUntil">Its validity end, if it has one.</param>
/// <param name="FileName">The file name noted when it was anchored.</param>
/// <param name="Reference">The department's reference noted when it was anchored.</param>
/// <param name="Kind">The kind noted when it was anchored.</param>
/// <param name="StatusUrl">Its status on the way to the chain.</param>
/// <param name="ReceiptUrl">Its receipt, once anchored.</param>
/// <param name="QrCodeUrl">Its QR code, once anchored.</param>
public sealed record IssuedDocumentResponse(
    Digest Digest,
    string Status,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? ValidUntil,
    string? FileName,
    string? Reference,
    string? Kind,
    string StatusUrl,
    string? ReceiptUrl,
    string? QrCodeUrl);
