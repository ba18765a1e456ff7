using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// Applies the messages a replica hears: commands on its own channel and broadcasts on the shared one. The
/// handlers run on StackExchange.Redis's delivery path, in publish order, so they only hand off to the sink (which
/// queues and returns) or update the local index, and never wait on Redis.
/// </summary>
internal sealed partial class RegistryMessageHandler
{
    private readonly LocalConnectionIndex _local;
    private readonly IConnectionSink _sink;
    private readonly ILogger _logger;
    private volatile bool _stopped;

    public RegistryMessageHandler(LocalConnectionIndex local, IConnectionSink sink, ILogger logger)
    {
        _local = local;
        _sink = sink;
        _logger = logger;
        Commands = OnCommand;
        Broadcasts = OnBroadcast;
    }

    /// <summary>The handler of this replica's command channel (one instance, so unsubscribing removes it).</summary>
    public Action<RedisChannel, RedisValue> Commands { get; }

    /// <summary>The handler of the broadcast channel.</summary>
    public Action<RedisChannel, RedisValue> Broadcasts { get; }

    /// <summary>Ignores every later message, whether or not the unsubscription reached Redis.</summary>
    public void Stop() => _stopped = true;

    private void OnCommand(RedisChannel channel, RedisValue value)
    {
        if (_stopped || !TryDecode(value, out var message))
        {
            return;
        }

        switch (message.Command)
        {
            case RegistryCommand.Send:
                _sink.Send(message.ConnectionId, new PushPayload(message.Payload));
                break;
            case RegistryCommand.Close:
                _sink.Close(message.ConnectionId);
                break;
            case RegistryCommand.Join:
                _local.Join(null, message.ConnectionId, message.Argument);
                break;
            case RegistryCommand.Leave:
                _local.Leave(null, message.ConnectionId, message.Argument);
                break;
            case RegistryCommand.Forget:
                _local.Remove(message.ConnectionId);
                break;
            default:
                Log.UnexpectedCommand(_logger, message.Command, channel.ToString());
                break;
        }
    }

    private void OnBroadcast(RedisChannel channel, RedisValue value)
    {
        if (_stopped || !TryDecode(value, out var message))
        {
            return;
        }

        if (message.Command != RegistryCommand.Broadcast)
        {
            Log.UnexpectedCommand(_logger, message.Command, channel.ToString());
            return;
        }

        // Members are snapshotted: a Leave applied meanwhile takes effect from the next broadcast.
        var payload = new PushPayload(message.Payload);
        foreach (var member in _local.Members(message.Argument))
        {
            if (member != message.ConnectionId)
            {
                _sink.Send(member, payload);
            }
        }
    }

    private bool TryDecode(RedisValue value, out RegistryMessage message)
    {
        try
        {
            message = RegistryMessage.Decode((byte[])value!);
            return true;
        }
        catch (InvalidDataException ex)
        {
            Log.BadMessage(_logger, ex);
            message = default;
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(41, LogLevel.Error, "Dropped a malformed registry message.")]
        public static partial void BadMessage(ILogger logger, Exception exception);

        [LoggerMessage(42, LogLevel.Error, "Dropped a {Command} message on channel {Channel}, where it does not belong.")]
        public static partial void UnexpectedCommand(ILogger logger, RegistryCommand command, string channel);
    }
}
