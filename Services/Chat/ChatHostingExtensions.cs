using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Chat.Connections;
using Platform.Chat.Functions;
using Platform.Chat.Observability;
using Platform.Chat.Storage;
using Platform.Functions;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Signing;

namespace Platform.Chat;

/// <summary>Composition of the Chat service: <see cref="AddChat"/> for services, <see cref="MapChatFunctions"/> for the functions.</summary>
internal static class ChatHostingExtensions
{
    /// <summary>The SigV4 service of the <c>@connections</c> API, whatever the verifier of this process is set to.</summary>
    private const string ConnectionsSigningService = "execute-api";

    /// <summary>
    /// Registers the function host, the clock, <see cref="ChatOptions"/> and the SigV4 credentials (both validated at
    /// start), the signed <c>@connections</c> client, the connection store (Redis, or in memory in embedded mode),
    /// telemetry and the functions.
    /// </summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddFunctions();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // A bad Chat:ConnectionsEndpoint or Chat:Region stops the start, not the first message.
        builder.Services.AddOptions<ChatOptions>()
            .Bind(builder.Configuration.GetSection(ChatOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>());

        // Platform:Credentials signs the @connections calls; none configured stops the start too.
        builder.Services.AddSigV4(builder.Configuration);
        builder.Services.AddHttpClient(ConnectionsClient.HttpClientName)
            .AddSigV4Signing(SigningRegion(builder.Configuration), ConnectionsSigningService);
        builder.Services.TryAddSingleton<ConnectionsClient>();

        builder.Services.TryAddSingleton<PlatformRedis>();
        // The mode is decided once, when the store is composed (PlatformRedis logs which one).
        builder.Services.TryAddSingleton<IConnectionUserStore>(services =>
        {
            var redis = services.GetRequiredService<PlatformRedis>();
            return redis.IsEmbedded
                ? new InMemoryConnectionUserStore(services.GetRequiredService<TimeProvider>())
                : new RedisConnectionUserStore(redis.GetDatabase());
        });

        builder.Services.TryAddSingleton<ChatTelemetry>();
        builder.Services.TryAddSingleton<ConnectionFunctions>();
        builder.Services.TryAddSingleton<RoomFunctions>();
        return builder;
    }

    /// <summary>Maps connect, disconnect, whoami, joinRoom, sendMessage and typing: WebSocket events in, proxy responses out.</summary>
    public static IEndpointRouteBuilder MapChatFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var connection = endpoints.ServiceProvider.GetRequiredService<ConnectionFunctions>();
        var rooms = endpoints.ServiceProvider.GetRequiredService<RoomFunctions>();
        return endpoints
            .MapFunction<APIGatewayWebSocketRequest, APIGatewayProxyResponse>(ConnectionFunctions.Connect, connection.ConnectAsync)
            .MapFunction<APIGatewayWebSocketRequest, APIGatewayProxyResponse>(ConnectionFunctions.Disconnect, connection.DisconnectAsync)
            .MapFunction<APIGatewayWebSocketRequest, APIGatewayProxyResponse>(ConnectionFunctions.WhoAmI, ConnectionFunctions.HandleWhoAmI)
            .MapFunction<APIGatewayWebSocketRequest, APIGatewayProxyResponse>(RoomFunctions.JoinRoom, rooms.JoinRoomAsync)
            .MapFunction<APIGatewayWebSocketRequest, APIGatewayProxyResponse>(RoomFunctions.SendMessage, rooms.SendMessageAsync)
            .MapFunction<APIGatewayWebSocketRequest, APIGatewayProxyResponse>(RoomFunctions.Typing, rooms.TypingAsync);
    }

    /// <summary>
    /// The signing handler takes its region when the client is composed, before options exist; an empty or invalid
    /// value is left to <see cref="ChatOptionsValidator"/>, which stops the start with the key named.
    /// </summary>
    private static string SigningRegion(IConfiguration configuration) =>
        configuration[$"{ChatOptions.SectionName}:{nameof(ChatOptions.Region)}"] is { Length: > 0 } region ? region : ChatOptions.DefaultRegion;
}
