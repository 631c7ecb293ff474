using System.Collections.Concurrent;
using System.Security.Cryptography;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// A grantee node's side of the release sessions (<see cref="ReleaseSenderSessions"/>): the recipient context of each
/// session's encapsulated key, set up at its first release and kept while the holder uses it, so a session's Diffie-Hellman
/// is made once. Bounded: a holder that sent a fresh key with every release (as one sealing single-shot would) costs what
/// single-shot HPKE costs, and the cache is emptied once it holds <see cref="Capacity"/> sessions. Safe to share between
/// threads (a release only exports from its context).
/// </summary>
public sealed class ReleaseRecipientSessions(TimeProvider? time = null)
{
    /// <summary>The sessions kept at most.</summary>
    public const int Capacity = 256;

    // A session is set up again after this long: a holder renews its own sooner (ReleaseSenderSessions.DefaultLifetime).
    private static readonly TimeSpan s_maxAge = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (HpkeRecipientContext Context, DateTimeOffset Since)> _sessions = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens a release for <paramref name="entry"/> and <paramref name="logRoot"/> with <paramref name="grantee"/>: sealed in
    /// a session, or single-shot as releases journaled before sessions were.
    /// </summary>
    /// <exception cref="HpkeOpenException">It opens neither way: altered, or sealed for another key, entry or log.</exception>
    /// <exception cref="HpkeInvalidKeyException"><paramref name="enc"/> is not a P-256 point.</exception>
    public byte[] Open(HpkePrivateKey grantee, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> sealedContent)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        var session = Session(grantee, enc);
        try
        {
            return ReleaseContext.OpenRelease(session, entry, logRoot, sealedContent);
        }
        catch (HpkeOpenException)
        {
            try
            {
                return ReleaseContext.OpenLegacyRelease(grantee, entry, logRoot, enc, sealedContent);
            }
            catch (CryptographicException)
            {
                // The session's reason is the one to give: a release of this version that does not open.
            }

            throw;
        }
    }

    private HpkeRecipientContext Session(HpkePrivateKey grantee, ReadOnlySpan<byte> enc)
    {
        var key = string.Concat(Convert.ToHexString(grantee.PublicKey.Encoded), Convert.ToHexString(enc));
        var now = _time.GetUtcNow();
        if (_sessions.TryGetValue(key, out var known) && now - known.Since < s_maxAge && now >= known.Since)
        {
            return known.Context;
        }

        var context = HpkeBaseMode.SetupBaseR(ReleaseContext.Suite, enc, grantee, ReleaseContext.SessionInfo);
        if (_sessions.Count >= Capacity)
        {
            _sessions.Clear();
        }

        _sessions[key] = (context, now);
        return context;
    }
}
