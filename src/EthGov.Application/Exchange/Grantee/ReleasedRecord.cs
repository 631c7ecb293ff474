using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>One record a release holds.</summary>
/// <param name="Digest">SHA-256 of <paramref name="Content"/>, checked.</param>
/// <param name="MediaType">Its media type, as the holder stated it.</param>
/// <param name="Content">Its bytes.</param>
public sealed record ReleasedRecord(Digest Digest, string MediaType, byte[] Content);
