using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>Ports the OS reports free on loopback, so that whole stacks can run side by side.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
