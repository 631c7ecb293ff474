using System.Collections.Concurrent;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// A holder node's release sessions: per grantee encryption key, one HPKE sender context (info
/// <see cref="ReleaseContext.SessionInfo"/>) kept for <see cref="Lifetime"/>, then replaced by a fresh one, so the two
/// P-256 operations of an encapsulation are made once per grantee and lifetime, not once per release. Safe to share
/// between threads: a release only exports from the context (stateless), and a race at a renewal sets up two sessions,
/// both valid.
/// </summary>
/// <remarks>
/// A replaced context is left to the collector rather than disposed: a release still sealing in it would fail. Its
/// secret thus stays in memory a little longer than the lifetime, as the key of any session does.
/// </remarks>
public sealed class ReleaseSenderSessions(TimeProvider? time = null, TimeSpan? lifetime = null)
{
    /// <summary>How long a session serves by default: ten seconds, 5,000 releases at 500 a second.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(10);

    // Sessions of keys no longer seen (a grantee that rotated its key) are dropped when this many are held.
    private const int MaxSessions = 256;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>How long one session serves a grantee key.</summary>
    public TimeSpan Lifetime { get; } = lifetime ?? DefaultLifetime;

    /// <summary>Seals <paramref name="content"/> for <paramref name="entry"/> and <paramref name="logRoot"/> to <paramref name="grantee"/>.</summary>
    /// <returns>The session's encapsulated key and the sealed content (nonce, ciphertext, tag).</returns>
    public HpkeSealed Seal(HpkePublicKey grantee, AccessEntry entry, Digest logRoot, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        var session = Current(grantee);
        return new HpkeSealed(session.Enc.ToArray(), ReleaseContext.SealRelease(session.Context, entry, logRoot, content));
    }

    private Session Current(HpkePublicKey grantee)
    {
        var key = Convert.ToHexString(grantee.Encoded);
        var now = _time.GetUtcNow();
        if (_sessions.TryGetValue(key, out var session) && now - session.Since < Lifetime && now >= session.Since)
        {
            return session;
        }

        if (_sessions.Count >= MaxSessions)
        {
            _sessions.Clear();
        }

        var context = HpkeBaseMode.SetupBaseS(ReleaseContext.Suite, grantee, ReleaseContext.SessionInfo);
        var fresh = new Session(context, context.EncapsulatedKey.ToArray(), now);
        _sessions[key] = fresh;
        return fresh;
    }

    private sealed record Session(HpkeSenderContext Context, byte[] Enc, DateTimeOffset Since);
}
