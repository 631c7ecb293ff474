using EthGov.Application.Exchange.Holder;

namespace EthGov.Application.Tests.Exchange.Holder;

public class NonceCacheTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
    private static readonly long s_expires = s_now.ToUnixTimeSeconds() + 60;

    [Fact]
    public void TryUse_FirstTime_IsFresh()
    {
        var cache = new NonceCache();

        Assert.Equal(NonceUse.Fresh, cache.TryUse("department:2", "n1", s_expires, s_now));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryUse_SameNonceWhileItsSignatureLives_IsReplayed()
    {
        var cache = new NonceCache();
        cache.TryUse("department:2", "n1", s_expires, s_now);

        Assert.Equal(NonceUse.Replayed, cache.TryUse("department:2", "n1", s_expires, s_now.AddSeconds(89)));
    }

    [Fact]
    public void TryUse_SameNonceOfAnotherSigner_IsFresh()
    {
        var cache = new NonceCache();
        cache.TryUse("department:2", "n1", s_expires, s_now);

        Assert.Equal(NonceUse.Fresh, cache.TryUse("department:3", "n1", s_expires, s_now));
    }

    [Fact]
    public void TryUse_AfterExpiryAndSkew_ForgetsTheNonce()
    {
        var cache = new NonceCache(clockSkew: TimeSpan.FromSeconds(30));
        cache.TryUse("department:2", "n1", s_expires, s_now);

        var later = s_now.AddSeconds(60 + 30 + 1);
        cache.TryUse("department:2", "n2", later.ToUnixTimeSeconds() + 60, later);

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryUse_FullOfLiveNonces_RefusesRatherThanForgets()
    {
        var cache = new NonceCache(capacity: 3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(NonceUse.Fresh, cache.TryUse("department:2", $"n{i}", s_expires, s_now));
        }

        Assert.Equal(NonceUse.Full, cache.TryUse("department:2", "n3", s_expires, s_now));
        Assert.Equal(NonceUse.Replayed, cache.TryUse("department:2", "n0", s_expires, s_now));
    }

    [Fact]
    public void TryUse_FullThenExpired_MakesRoomAgain()
    {
        var cache = new NonceCache(capacity: 2, clockSkew: TimeSpan.Zero);
        cache.TryUse("department:2", "n0", s_expires, s_now);
        cache.TryUse("department:2", "n1", s_expires, s_now);

        Assert.Equal(NonceUse.Fresh, cache.TryUse("department:2", "n2", s_expires + 100, s_now.AddSeconds(61)));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task TryUse_SameNonceConcurrently_IsFreshExactlyOnce()
    {
        var cache = new NonceCache();

        var uses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => cache.TryUse("department:2", "same", s_expires, s_now))));

        Assert.Equal(1, uses.Count(u => u == NonceUse.Fresh));
        Assert.Equal(63, uses.Count(u => u == NonceUse.Replayed));
    }
}
