using EthGov.Core.Digests;
using Microsoft.Extensions.Caching.Memory;

namespace EthGov.Application.Nodes;

/// <summary>
/// Batch proofs other departments' nodes gave that the chain confirmed, so a document verified once is verified again
/// without asking its issuer's node: as fast as a document this node anchored itself. The proof is kept, never the
/// verdict; every verification still reads the chain. Bounded in entries, least recently used first out.
/// </summary>
public sealed class ProofCache : IDisposable
{
    /// <summary>Proofs kept at most (a proof of a million-leaf batch is about 700 bytes).</summary>
    public const int MaxEntries = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The confirmed proof of <paramref name="digest"/>, when one is kept.</summary>
    public IssuerProof? Find(Digest digest) => _cache.TryGetValue(digest, out IssuerProof? proof) ? proof : null;

    /// <summary>Keeps <paramref name="proof"/> of <paramref name="digest"/>, which the chain has just confirmed.</summary>
    public void Keep(Digest digest, IssuerProof proof) => _cache.Set(digest, proof, new MemoryCacheEntryOptions { Size = 1 });

    /// <summary>Drops a proof the chain no longer confirms (a wiped or reorganised chain).</summary>
    public void Forget(Digest digest) => _cache.Remove(digest);

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
