using System.Globalization;
using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Hosting;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Registry;
using Platform.ConnectionHub.Runtime;
using Platform.ServiceDefaults.Signing;

namespace Platform.ConnectionHub.Management;

/// <summary>
/// The <c>@connections</c> management API of each stage (AWS-REFERENCE §7.5): PostToConnection, GetConnection and
/// DeleteConnection, SigV4-signed (service <c>execute-api</c>) and working from any replica; plus our rooms
/// extension under <c>@connections/@rooms</c>, documented as ours. Errors carry AWS's codes in
/// <c>x-amzn-ErrorType</c>.
/// </summary>
internal static class ConnectionsApi
{
    /// <summary>AWS's PostToConnection limit.</summary>
    public const int MaxPayloadBytes = 128 * 1024;

    public const int MaxRoomNameLength = 128;

    public static IEndpointRouteBuilder MapConnectionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/{apiId}/{stage}/@connections");
        group.MapPost("/{connectionId}", PostAsync);
        group.MapGet("/{connectionId}", GetAsync);
        group.MapDelete("/{connectionId}", DeleteAsync);
        group.MapPut("/{connectionId}/rooms/{room}", JoinAsync);
        group.MapDelete("/{connectionId}/rooms/{room}", LeaveAsync);
        group.MapPost("/@rooms/{room}", BroadcastAsync);
        group.MapGet("/@rooms/{room}", MembersAsync);
        return endpoints;
    }

    private static async Task PostAsync(HttpContext context, string apiId, string stage, string connectionId, IConnectionRegistry registry, HubTelemetry telemetry)
    {
        if (await AuthorizeAsync(context, apiId, stage, connectionId) is not { } scope)
        {
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var status = await registry.SendAsync(scope, connectionId, body, context.RequestAborted);
        telemetry.Push("post", status.ToString());
        if (status == DeliveryStatus.Gone)
        {
            await Gone(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task GetAsync(HttpContext context, string apiId, string stage, string connectionId, IConnectionRegistry registry, HubTelemetry telemetry)
    {
        if (await AuthorizeAsync(context, apiId, stage, connectionId) is not { } scope)
        {
            return;
        }

        var record = await registry.GetAsync(scope, connectionId, context.RequestAborted);
        telemetry.Push("get", record is null ? nameof(DeliveryStatus.Gone) : nameof(DeliveryStatus.Delivered));
        if (record is null)
        {
            await Gone(context);
            return;
        }

        var response = new ConnectionInfoResponse(Iso(record.ConnectedAt), new ConnectionIdentity(record.SourceIp, record.UserAgent), Iso(record.LastActiveAt));
        await context.Response.WriteAsJsonAsync(response, HubJsonContext.Default.ConnectionInfoResponse, cancellationToken: context.RequestAborted);
    }

    private static async Task DeleteAsync(HttpContext context, string apiId, string stage, string connectionId, IConnectionRegistry registry, HubTelemetry telemetry)
    {
        if (await AuthorizeAsync(context, apiId, stage, connectionId) is not { } scope)
        {
            return;
        }

        var status = await registry.CloseAsync(scope, connectionId, context.RequestAborted);
        telemetry.Push("delete", status.ToString());
        if (status == DeliveryStatus.Gone)
        {
            await Gone(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task JoinAsync(HttpContext context, string apiId, string stage, string connectionId, string room, IConnectionRegistry registry, HubTelemetry telemetry)
    {
        if (await AuthorizeAsync(context, apiId, stage, connectionId, room) is not { } scope)
        {
            return;
        }

        var status = await registry.JoinAsync(scope, connectionId, room, context.RequestAborted);
        telemetry.Push("join", status.ToString());
        await RoomResultAsync(context, status);
    }

    private static async Task LeaveAsync(HttpContext context, string apiId, string stage, string connectionId, string room, IConnectionRegistry registry, HubTelemetry telemetry)
    {
        if (await AuthorizeAsync(context, apiId, stage, connectionId, room) is not { } scope)
        {
            return;
        }

        var status = await registry.LeaveAsync(scope, connectionId, room, context.RequestAborted);
        telemetry.Push("leave", status.ToString());
        await RoomResultAsync(context, status);
    }

    private static async Task BroadcastAsync(HttpContext context, string apiId, string stage, string room, IConnectionRegistry registry, HubTelemetry telemetry)
    {
        if (await AuthorizeAsync(context, apiId, stage, null, room) is not { } scope)
        {
            return;
        }

        var except = context.Request.Query["exclude"].ToString() is { Length: > 0 } id ? id : null;
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var members = await registry.BroadcastAsync(scope, room, body, except, context.RequestAborted);
        telemetry.Push("broadcast", "Delivered");
        await context.Response.WriteAsJsonAsync(new BroadcastResponse(members), HubJsonContext.Default.BroadcastResponse, cancellationToken: context.RequestAborted);
    }

    private static async Task MembersAsync(HttpContext context, string apiId, string stage, string room, IConnectionRegistry registry)
    {
        if (await AuthorizeAsync(context, apiId, stage, null, room) is not { } scope)
        {
            return;
        }

        var members = await registry.GetRoomMembersAsync(scope, room, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(new RoomMembersResponse(members), HubJsonContext.Default.RoomMembersResponse, cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// Signature, stage, id and room checks in AWS's order; writes the error and returns null, or returns the scope.
    /// </summary>
    private static async Task<string?> AuthorizeAsync(HttpContext context, string apiId, string stage, string? connectionId, string? room = null)
    {
        var services = context.RequestServices;
        var verification = await services.GetRequiredService<SigV4Verifier>().VerifyAsync(context.Request, MaxPayloadBytes, context.RequestAborted);
        if (!verification.Succeeded)
        {
            await verification.Error!.WriteAsync(context.Response, context.RequestAborted);
            return null;
        }

        if (!services.GetRequiredService<HubState>().TryResolve(apiId, stage, out _, out _))
        {
            await HubResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"No WebSocket API '{apiId}' with stage '{stage}'", "NotFoundException");
            return null;
        }

        if (connectionId is not null && !ConnectionIds.IsWellFormed(connectionId))
        {
            await HubResponses.WriteAsync(context, StatusCodes.Status400BadRequest, $"Invalid connectionId: {connectionId}", "BadRequestException");
            return null;
        }

        if (room is not null && !IsRoomName(room))
        {
            await HubResponses.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"Invalid room name: it must be 1 to {MaxRoomNameLength} letters, digits, '-', '_', '.' or ':'", "BadRequestException");
            return null;
        }

        return apiId + "/" + stage;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The verifier buffered and rewound the body, and refused one over the limit.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static Task RoomResultAsync(HttpContext context, DeliveryStatus status)
    {
        if (status == DeliveryStatus.Gone)
        {
            return Gone(context);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task Gone(HttpContext context) =>
        HubResponses.WriteAsync(context, StatusCodes.Status410Gone, "Gone: the connection is closed or does not exist", "GoneException");

    private static bool IsRoomName(string room) =>
        room.Length is > 0 and <= MaxRoomNameLength && room.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

}
