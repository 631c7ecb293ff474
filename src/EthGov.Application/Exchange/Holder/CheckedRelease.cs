using EthGov.Application.Records;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>A release request that passed every check: what to release, to whom, on which log.</summary>
/// <param name="Request">The request.</param>
/// <param name="Sender">Who signed it and at which block.</param>
/// <param name="Grant">The grant it rests on.</param>
/// <param name="Holder">The holder department.</param>
/// <param name="Entry">The access entry the grantee logged.</param>
/// <param name="EntryHash">Its hash, the journal's key.</param>
/// <param name="LogBlock">The block of its access-log batch.</param>
/// <param name="Record">The record to release, or null for a kind query.</param>
/// <param name="Journaled">The release journaled before for this entry and not acknowledged yet, to be given again; else null.</param>
public sealed record CheckedRelease(
    ReleaseRequest Request,
    SignedRequest Sender,
    GrantInfo Grant,
    uint Holder,
    AccessEntry Entry,
    Digest EntryHash,
    ulong LogBlock,
    StoredRecord? Record,
    JournaledRelease? Journaled);
