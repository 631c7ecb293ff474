using System.Net;
using System.Net.Sockets;

namespace EthGov.Testing;

/// <summary>
/// A loopback TCP proxy in front of a chain node or a database, to cut it off without stopping it: while cut, open
/// connections are reset and new ones are accepted and dropped at once, as a failed network path would.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly List<Task> _relays = [];
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private long _cutAfter = -1;
    private int _dropped;
    private int _relayed;

    private TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The proxy's URL, to give the API instead of the node's.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections dropped while cut.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Connections relayed to the node.</summary>
    public int Relayed => Volatile.Read(ref _relayed);

    /// <summary>Starts relaying to the node on <paramref name="targetPort"/>.</summary>
    public static TcpProxy Start(int targetPort) => new(targetPort);

    /// <summary>Cuts the path: resets every open connection and drops new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                Reset(client);
            }

            _open.Clear();
        }
    }

    /// <summary>
    /// Cuts the path (as <see cref="Cut"/>) once <paramref name="bytes"/> more bytes have gone from the node to the clients:
    /// a connection then ends in the middle of an answer, with the answer's first part delivered.
    /// </summary>
    public void CutAfter(long bytes) => Interlocked.Exchange(ref _cutAfter, bytes);

    /// <summary>Whether a cut asked for with <see cref="CutAfter"/> has not happened yet.</summary>
    public bool CutPending => Interlocked.Read(ref _cutAfter) >= 0;

    /// <summary>Relays again.</summary>
    public void Restore() => _cut = false;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        // Both end once stopped; a relay that failed for an unexpected reason fails the test here.
        await _acceptLoop;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }

        await Task.WhenAll(relays);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Interlocked.Increment(ref _dropped);
                Reset(client);
                continue;
            }

            Interlocked.Increment(ref _relayed);
            var relay = Task.Run(() => RelayAsync(client));
            lock (_relays)
            {
                _relays.RemoveAll(r => r.IsCompletedSuccessfully);
                _relays.Add(relay);
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            lock (_open)
            {
                if (_cut)
                {
                    Reset(client);
                    return;
                }

                _open.Add(client);
                _open.Add(upstream);
            }

            var down = client.GetStream();
            var up = upstream.GetStream();
            var first = await Task.WhenAny(down.CopyToAsync(up, _stop.Token), RelayDownAsync(up, down));
            await first.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A reset path is what this proxy is for (a connection reset before its stream was taken is not connected).
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }

            client.Dispose();
        }
    }

    // From the node to the client, counting the bytes against a cut asked for with CutAfter.
    private async Task RelayDownAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            long budget = Interlocked.Read(ref _cutAfter);
            if (budget >= 0 && read >= budget)
            {
                await to.WriteAsync(buffer.AsMemory(0, (int)budget), _stop.Token);
                await to.FlushAsync(_stop.Token);
                Interlocked.Exchange(ref _cutAfter, -1);
                Cut();
                return;
            }

            if (budget >= 0)
            {
                Interlocked.Add(ref _cutAfter, -read);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
