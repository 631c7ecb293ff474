using System.Net;
using System.Net.Sockets;

namespace EthGov.Testing;

/// <summary>Picks a loopback TCP port that nothing listens on.</summary>
public static class FreePort
{
    /// <summary>A port the operating system just handed out and released.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
