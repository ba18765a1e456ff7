namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>The real AWS CLI driving the <c>@connections</c> operations (see <see cref="Platform.Testing.AwsCli"/>).</summary>
internal static class AwsCli
{
    /// <summary><c>aws apigatewaymanagementapi {operation} --endpoint-url ... --connection-id ...</c>.</summary>
    public static Task<Platform.Testing.AwsCli.Result> ManageConnectionAsync(string operation, Uri endpoint, string accessKeyId, string secretAccessKey,
        string? data = null)
    {
        var arguments = new List<string>
        {
            "apigatewaymanagementapi", operation,
            "--endpoint-url", endpoint.ToString().TrimEnd('/'),
            "--connection-id", SigV4TestData.ConnectionId,
        };
        if (data is not null)
        {
            arguments.AddRange(["--data", data]);
        }

        return Platform.Testing.AwsCli.RunAsync(arguments, accessKeyId, secretAccessKey);
    }
}
