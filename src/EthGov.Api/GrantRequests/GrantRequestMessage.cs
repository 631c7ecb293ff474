using EthGov.Api.Grants;
using EthGov.Core.Digests;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// A grant request as the requester's node sends it to the holder's node (<c>POST /api/v1/node/grant-requests</c>,
/// signed with the requester department's node key). The departments are ids, as the chain and the signature's keyid name them.
/// </summary>
/// <param name="RequestId">32 hex digits the requester's node picked at random; sending it again is harmless.</param>
/// <param name="Requester">The asking department, which must be the signer.</param>
/// <param name="Holder">The department asked, which this node must answer for.</param>
/// <param name="RecordId">The record asked for, or null when <paramref name="Kind"/> is given.</param>
/// <param name="Kind">The record kind asked for, or null.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the grant would end.</param>
/// <param name="LegalBasis">The legal basis in words.</param>
/// <param name="Terms">The terms asked for.</param>
/// <param name="Note">Why, in words.</param>
/// <param name="RequestedBy">Who asked, as the requester's node names the clerk or key.</param>
public sealed record GrantRequestMessage(
    string? RequestId, uint Requester, uint Holder, Digest? RecordId, string? Kind, int? Purpose, DateTimeOffset? ExpiresAt, string? LegalBasis,
    GrantTermsRequest? Terms, string? Note, string? RequestedBy);
