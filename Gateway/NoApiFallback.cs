namespace Platform.Gateway;

/// <summary>
/// Until API definitions are loaded every request matches no stage or route, and the gateway answers as
/// API Gateway does then: <c>404 {"message":"Not Found"}</c> with a request id (AWS-REFERENCE §3).
/// </summary>
internal static class NoApiFallback
{
    public static WebApplication MapNoApiFallback(this WebApplication app)
    {
        app.MapFallback(static context =>
        {
            var requestId = Guid.NewGuid().ToString();
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers["apigw-requestid"] = requestId;
            context.Response.Headers["x-amzn-RequestId"] = requestId;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"message":"Not Found"}""");
        });
        return app;
    }
}
