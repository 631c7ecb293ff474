using EthGov.Application.Documents;
using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Holder;

/// <summary>Where this node's department anchored one of its records, so its status can be read on chain.</summary>
public interface IRecordAnchors
{
    /// <summary>The record's anchor place, or null when this node did not record it (it is then read as a single anchor).</summary>
    AnchorPlace? Find(Digest digest);
}
