namespace Platform.Chat;

/// <summary>The chat functions' settings, configuration section <c>Chat</c>; checked at startup.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    public const string DefaultConnectionsEndpoint = "http://connectionhub/chat/prod";

    public const string DefaultRegion = "us-east-1";

    /// <summary>
    /// Where the <c>@connections</c> API of the chat's stage lives, without the <c>/@connections</c> suffix
    /// (<c>Chat:ConnectionsEndpoint</c>). Default <c>http://connectionhub/chat/prod</c>: the hub's direct path form
    /// <c>/{apiId}/{stage}</c>, its host resolved by service discovery. An absolute http or https URL without query
    /// or fragment.
    /// </summary>
    public string ConnectionsEndpoint { get; init; } = DefaultConnectionsEndpoint;

    /// <summary>
    /// The region of the SigV4 credential scope the <c>@connections</c> calls are signed for (<c>Chat:Region</c>).
    /// Default <c>us-east-1</c>; the hub accepts any region, AWS wants the API's own. Lower-case letters, digits and
    /// <c>-</c>.
    /// </summary>
    public string Region { get; init; } = DefaultRegion;
}
