using System.Net.Sockets;
using System.Text;

namespace Platform.AppHost.Model;

/// <summary>
/// RESP <c>PING</c> (after <c>AUTH</c> when a password is configured) over a plain socket: the AppHost needs no
/// Redis client to know whether the server answers.
/// </summary>
internal sealed class RedisPingProbe(string host, int port, string? password) : HealthProbe
{
    public static RedisPingProbe FromConnectionString(string connectionString)
    {
        string? endpoint = null;
        string? password = null;
        foreach (var part in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                endpoint ??= part;
            }
            else if (part[..equals].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = part[(equals + 1)..];
            }
        }

        if (endpoint is null)
        {
            throw new ArgumentException($"The Redis connection string '{connectionString}' names no endpoint (host:port).", nameof(connectionString));
        }

        var colon = endpoint.LastIndexOf(':');
        if (colon < 0)
        {
            return new RedisPingProbe(endpoint, 6379, password);
        }

        if (!int.TryParse(endpoint.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException($"The Redis endpoint '{endpoint}' has no valid port.", nameof(connectionString));
        }

        return new RedisPingProbe(endpoint[..colon], port, password);
    }

    public string Host { get; } = host;

    public int Port { get; } = port;

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            var command = password is null ? "PING\r\n" : $"AUTH {password}\r\nPING\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command), timeout.Token).ConfigureAwait(false);

            var buffer = new byte[256];
            var received = new StringBuilder();
            while (!received.ToString().Contains("+PONG\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (received.ToString().StartsWith('-'))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
