using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The body of <c>POST /api/v1/node/erasures</c>: the holder department erased the content of a record it released to
/// the grantee department, and asks the grantee's node to erase its copy (the exchanges' content, and the evidence files'
/// content, keeping only digests). Signed by the holder's node key like a release request; the grantee acts on it only for
/// exchanges whose holder is the signing department.
/// </summary>
/// <param name="RecordId">The record whose content was erased.</param>
/// <param name="Holder">The holder department (the signer).</param>
/// <param name="Grantee">The grantee department that received a release of the record.</param>
/// <param name="ErasedAt">When the holder erased its content.</param>
public sealed record ErasureNotice(Digest RecordId, uint Holder, uint Grantee, DateTimeOffset ErasedAt);
