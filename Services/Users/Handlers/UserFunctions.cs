using System.Globalization;
using Platform.Functions;
using Platform.Users.Storage;

namespace Platform.Users.Handlers;

/// <summary>
/// The user API as functions over payload 2.0 events: <c>listUsers</c>, <c>createUser</c>, <c>getUser</c>.
/// Input problems answer 400 with <c>{"error"}</c> (and <c>"field"</c> when one input is at fault).
/// </summary>
internal sealed partial class UserFunctions(IUserStore store, TimeProvider timeProvider, UsersMetrics metrics, ILogger<UserFunctions> logger)
{
    public const string ListUsers = "listUsers";
    public const string CreateUser = "createUser";
    public const string GetUser = "getUser";

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<APIGatewayHttpApiV2ProxyResponse> ListUsersAsync(APIGatewayHttpApiV2ProxyRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        var query = request.QueryStringParameters;
        if (!TryReadLimit(query?.GetValueOrDefault("limit"), out var limit))
        {
            return UserResponses.Error(400, $"limit must be an integer between 1 and {MaxLimit}.", "limit");
        }

        // An empty nextToken is no token: the first page.
        var nextToken = query?.GetValueOrDefault("nextToken");
        var page = await store.ListAsync(limit, string.IsNullOrEmpty(nextToken) ? null : nextToken, context.CancellationToken)
            .ConfigureAwait(false);
        if (page is null)
        {
            return UserResponses.Error(400, "nextToken is not valid: pass the nextToken of a previous listUsers response.", "nextToken");
        }

        return UserResponses.Json(200, new UserListBody(page.Users, page.NextCursor), UsersJsonContext.Wire.UserListBody);
    }

    public async Task<APIGatewayHttpApiV2ProxyResponse> CreateUserAsync(APIGatewayHttpApiV2ProxyRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (!NewUserInput.TryRead(request, out var input, out var error))
        {
            return UserResponses.Error(400, error.Message, error.Field);
        }

        // Millisecond precision: what the JSON shows and what orders the index.
        var now = timeProvider.GetUtcNow();
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var user = new User(Guid.NewGuid().ToString("N"), input.Name, input.Email, createdAt);
        if (await store.CreateAsync(user, context.CancellationToken).ConfigureAwait(false) == CreateUserResult.EmailTaken)
        {
            Log.EmailTaken(logger, context.AwsRequestId);
            return UserResponses.Error(409, "A user with this email already exists");
        }

        metrics.UserCreated();
        Log.UserCreated(logger, user.UserId);
        return UserResponses.Json(201, user, UsersJsonContext.Wire.User, location: "/users/" + user.UserId);
    }

    public async Task<APIGatewayHttpApiV2ProxyResponse> GetUserAsync(APIGatewayHttpApiV2ProxyRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        var userId = request.PathParameters?.GetValueOrDefault("userId");
        if (string.IsNullOrWhiteSpace(userId))
        {
            return UserResponses.Error(400, "The userId path parameter is required.", "userId");
        }

        var user = await store.GetAsync(userId, context.CancellationToken).ConfigureAwait(false);
        return user is null
            ? UserResponses.Error(404, "User not found")
            : UserResponses.Json(200, user, UsersJsonContext.Wire.User);
    }

    /// <summary>Absent means the default; otherwise only plain digits within 1..<see cref="MaxLimit"/> (no sign, spaces or decimals).</summary>
    private static bool TryReadLimit(string? text, out int limit)
    {
        if (text is null)
        {
            limit = DefaultLimit;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Created user {UserId}.")]
        public static partial void UserCreated(ILogger logger, string userId);

        [LoggerMessage(2, LogLevel.Information, "Invocation {AwsRequestId}: refused a user whose email is already taken.")]
        public static partial void EmailTaken(ILogger logger, string awsRequestId);
    }
}
