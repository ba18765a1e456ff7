namespace Platform.ConnectionHub.Hosting;

/// <summary>
/// Requests forwarded by the gateway keep the client's path (SigV4 signatures cover it) and name the API, stage
/// and the rest of the path in <c>X-Platform-*</c> headers; this maps them onto the hub's own routes,
/// <c>/{apiId}/{stage}{rest}</c>, before routing. The raw target stays as the client sent it.
/// </summary>
internal sealed class ForwardedPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var forwarded = ForwardedRequest.Of(context);
        if (forwarded.ViaGateway && forwarded.Stage is { Length: > 0 } stage)
        {
            context.Request.PathBase = default;
            var root = new PathString("/" + forwarded.ApiId + "/" + stage);
            context.Request.Path = forwarded.RoutePath is { Length: > 1 } rest ? root.Add(PathString.FromUriComponent(rest)) : root;
        }

        return next(context);
    }
}
