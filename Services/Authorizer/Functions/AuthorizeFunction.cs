using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Functions;
using Platform.ServiceDefaults.Tokens;

namespace Platform.Authorizer.Functions;

/// <summary>
/// <c>authorize</c>: validates the caller's access token (bare or <c>Bearer</c>) with the shared
/// <see cref="JwtValidator"/> against <see cref="AuthorizerOptions"/>, and answers in the event's shape:
/// <list type="bullet">
/// <item>payload 2.0: <c>{"isAuthorized": true, "context": {"userId": sub, "scopes": "a b"}}</c>
/// (the authorizer needs <c>enableSimpleResponses</c>);</item>
/// <item>payload 1.0, TOKEN and WebSocket <c>$connect</c>: an IAM policy allowing <c>execute-api:Invoke</c> on the
/// event's <c>methodArn</c> (or <c>routeArn</c>), <c>principalId</c> sub, the same context;</item>
/// <item>no token, an invalid one, or one without <c>sub</c>: throws <see cref="UnauthorizedException"/> → 401;</item>
/// <item>a valid token without any of <see cref="AuthorizerOptions.RequiredScopes"/>: <c>isAuthorized: false</c>
/// or a Deny policy → 403.</item>
/// </list>
/// </summary>
internal sealed partial class AuthorizeFunction
{
    public const string Name = "authorize";

    private const string PolicyVersion = "2012-10-17";
    private const string InvokeAction = "execute-api:Invoke";

    private readonly JwtValidator _validator;
    private readonly AuthorizerOptions _options;
    private readonly JwtValidationParameters _parameters;
    private readonly ILogger<AuthorizeFunction> _logger;

    public AuthorizeFunction(JwtValidator validator, IOptions<AuthorizerOptions> options, ILogger<AuthorizeFunction> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _validator = validator;
        _options = options.Value;
        _logger = logger;
        _parameters = new JwtValidationParameters(_options.Issuer, [_options.Audience], _options.JwksUri, clockSkew: _options.ClockSkew);
    }

    public async Task<JsonElement> HandleAsync(JsonElement @event, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = AuthorizerEvent.Read(@event);
        if (BearerValue(request.Token) is not { } token)
        {
            Log.Refused(_logger, "NoToken", "the event carries no token", context.AwsRequestId);
            throw new UnauthorizedException();
        }

        var result = await _validator.ValidateAsync(token, _parameters, context.CancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Log.Refused(_logger, result.Failure.ToString()!, result.Description, context.AwsRequestId);
            throw new UnauthorizedException();
        }

        if (result.Token.Subject is not { Length: > 0 } subject)
        {
            Log.Refused(_logger, "NoSubject", "the token has no sub", context.AwsRequestId);
            throw new UnauthorizedException();
        }

        var scopes = result.Token.Scopes ?? [];
        var allowed = _options.RequiredScopes.Count == 0 || scopes.Any(_options.RequiredScopes.Contains);
        var caller = new CallerContext(subject, string.Join(' ', scopes));
        if (request.IsVersion2)
        {
            return JsonSerializer.SerializeToElement(new SimpleResponse(allowed, caller), AuthorizerJsonContext.Default.SimpleResponse);
        }

        var arn = request.Arn ?? throw new InvalidOperationException("The event has neither methodArn nor routeArn: there is nothing to write a policy for.");
        var policy = new PolicyDocument(PolicyVersion, [new PolicyStatement(InvokeAction, allowed ? "Allow" : "Deny", arn)]);
        return JsonSerializer.SerializeToElement(new PolicyResponse(subject, policy, caller), AuthorizerJsonContext.Default.PolicyResponse);
    }

    /// <summary>The token of <c>Bearer &lt;token&gt;</c> (scheme in any case) or of a bare value; null when there is none.</summary>
    internal static string? BearerValue(string? value)
    {
        var text = value.AsSpan().Trim();
        const string Scheme = "Bearer";
        if (text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && (text.Length == Scheme.Length || char.IsWhiteSpace(text[Scheme.Length])))
        {
            text = text[Scheme.Length..].TrimStart();
        }

        return text.IsEmpty ? null : text.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Invocation {AwsRequestId}: token refused ({Failure}: {Description}); answering Unauthorized.")]
        public static partial void Refused(ILogger logger, string failure, string description, string awsRequestId);
    }
}
