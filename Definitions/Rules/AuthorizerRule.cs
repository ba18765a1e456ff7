using System.Text;
using System.Text.RegularExpressions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// An API's authorizers (AWS-REFERENCE §5): a known type; parseable identity sources; a JWT authorizer has an
/// absolute issuer URL, at least one audience and HS256 secrets of at least 32 bytes; a REQUEST/TOKEN authorizer
/// names its service and function, a payload format 1.0 or 2.0 (simple responses need 2.0), a result TTL of 0 to
/// 3600 s, a timeout of 50 ms to 30 s; a TOKEN authorizer reads one header and its validation expression compiles;
/// WebSocket APIs take REQUEST authorizers only, as AWS's do.
/// </summary>
internal sealed class AuthorizerRule : IDefinitionRule
{
    public const int MinSharedSecretBytes = 32;
    public const int MaxClockSkewSeconds = 300;
    public const int MinTimeout = 50;
    public const int MaxTimeout = 30_000;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            foreach (var authorizer in api.Authorizers)
            {
                Check(api, authorizer, errors);
            }
        }
    }

    private static void Check(ApiDraft api, AuthorizerDraft authorizer, ICollection<DefinitionError> errors)
    {
        if (!DefinitionPatterns.Name().IsMatch(authorizer.Name))
        {
            errors.Add(authorizer.Error($"authorizer name '{authorizer.Name}' must be 1 to 128 letters, digits, '-' or '_'"));
        }

        if (authorizer.AuthorizerType is null)
        {
            if (!authorizer.Invalid.Contains(P.AuthorizerType))
            {
                errors.Add(authorizer.ErrorAt(P.AuthorizerType, "authorizerType is required: JWT, REQUEST or TOKEN"));
            }

            return;
        }

        if (!AuthorizationNames.TryParseAuthorizerType(authorizer.AuthorizerType, out var type))
        {
            errors.Add(authorizer.ErrorAt(P.AuthorizerType, $"unknown authorizerType '{authorizer.AuthorizerType}'; expected JWT, REQUEST or TOKEN"));
            return;
        }

        if (api.IsWebSocket && type != AuthorizerType.Request)
        {
            errors.Add(authorizer.ErrorAt(P.AuthorizerType, $"WebSocket APIs support REQUEST authorizers only (on $connect), not {authorizer.AuthorizerType}"));
        }

        var sources = new List<IdentitySource>();
        foreach (var text in authorizer.IdentitySource ?? [])
        {
            if (IdentitySource.TryParse(text, out var source, out var error))
            {
                sources.Add(source);
            }
            else
            {
                errors.Add(authorizer.ErrorAt(P.IdentitySource, error));
            }
        }

        if (authorizer.IdentitySource is { Count: 0 })
        {
            errors.Add(authorizer.ErrorAt(P.IdentitySource, "identitySource must not be empty; leave it out for the Authorization header"));
        }

        if (type == AuthorizerType.Jwt)
        {
            CheckJwt(authorizer, sources, errors);
        }
        else
        {
            CheckLambda(authorizer, type, sources, errors);
        }
    }

    private static void CheckJwt(AuthorizerDraft authorizer, List<IdentitySource> sources, ICollection<DefinitionError> errors)
    {
        foreach (var property in new[] { P.IntegrationUri, P.FunctionName, P.AuthorizerPayloadFormatVersion, P.EnableSimpleResponses,
            P.AuthorizerResultTtlInSeconds, P.IdentityValidationExpression, P.TimeoutInMillis })
        {
            if (authorizer.Has(property))
            {
                errors.Add(authorizer.ErrorAt(property, $"{property} applies to REQUEST and TOKEN authorizers, not JWT"));
            }
        }

        if (sources.Count > 1 || sources.Any(static s => s.Kind is not (IdentitySourceKind.Header or IdentitySourceKind.QueryString)))
        {
            errors.Add(authorizer.ErrorAt(P.IdentitySource, "a JWT authorizer reads its token from one header or query string parameter"));
        }

        if (authorizer.JwtConfiguration is not { } jwt)
        {
            if (!authorizer.Invalid.Contains(P.JwtConfiguration))
            {
                errors.Add(authorizer.ErrorAt(P.JwtConfiguration, "jwtConfiguration is required for a JWT authorizer: {\"issuer\": \"https://...\", \"audience\": [\"...\"]}"));
            }

            return;
        }

        if (jwt.Issuer is not { } issuer)
        {
            if (!jwt.Invalid.Contains(P.Issuer))
            {
                errors.Add(jwt.ErrorAt(P.Issuer, "issuer is required: the iss every token must carry, where discovery starts"));
            }
        }
        else if (!IsHttpUrl(issuer))
        {
            errors.Add(jwt.ErrorAt(P.Issuer, $"issuer '{issuer}' must be an absolute http or https URL"));
        }

        if (jwt.Audience is null or { Count: 0 } && !jwt.Invalid.Contains(P.Audience))
        {
            errors.Add(jwt.ErrorAt(P.Audience, "audience needs at least one entry: a token's aud or client_id must match one"));
        }

        if (jwt.JwksUri is { } jwks && !IsHttpUrl(jwks))
        {
            errors.Add(jwt.ErrorAt(P.JwksUri, $"jwksUri '{jwks}' must be an absolute http or https URL"));
        }

        foreach (var secret in jwt.SharedSecrets ?? [])
        {
            if (Encoding.UTF8.GetByteCount(secret) < MinSharedSecretBytes)
            {
                errors.Add(jwt.ErrorAt(P.SharedSecrets, $"an HS256 shared secret needs at least {MinSharedSecretBytes} bytes (256 bits)"));
            }
        }

        if (jwt.ClockSkewSeconds is < 0 or > MaxClockSkewSeconds)
        {
            errors.Add(jwt.ErrorAt(P.ClockSkewSeconds, $"clockSkewSeconds must be 0 to {MaxClockSkewSeconds}; got {jwt.ClockSkewSeconds}"));
        }
    }

    private static void CheckLambda(AuthorizerDraft authorizer, AuthorizerType type, List<IdentitySource> sources, ICollection<DefinitionError> errors)
    {
        if (authorizer.Has(P.JwtConfiguration))
        {
            errors.Add(authorizer.ErrorAt(P.JwtConfiguration, "jwtConfiguration applies to JWT authorizers only"));
        }

        if (authorizer.IntegrationUri is not { } uri)
        {
            if (!authorizer.Invalid.Contains(P.IntegrationUri))
            {
                errors.Add(authorizer.ErrorAt(P.IntegrationUri, "integrationUri is required: the service hosting the authorizer function, e.g. http://authorizer"));
            }
        }
        else if (!IsHttpUrl(uri))
        {
            errors.Add(authorizer.ErrorAt(P.IntegrationUri, $"integrationUri '{uri}' must be an absolute http or https URL"));
        }

        if (authorizer.FunctionName is null or { Length: 0 } && !authorizer.Invalid.Contains(P.FunctionName))
        {
            errors.Add(authorizer.ErrorAt(P.FunctionName, "functionName is required: the authorizer function's name in the invoke contract"));
        }

        var version = authorizer.PayloadFormatVersion;
        if (version is not null and not ("1.0" or "2.0"))
        {
            errors.Add(authorizer.ErrorAt(P.AuthorizerPayloadFormatVersion, $"authorizerPayloadFormatVersion must be 1.0 or 2.0, not '{version}'"));
        }

        if (type == AuthorizerType.Token && version == "2.0")
        {
            errors.Add(authorizer.ErrorAt(P.AuthorizerPayloadFormatVersion, "TOKEN authorizers use payload format 1.0"));
        }

        if (authorizer.EnableSimpleResponses == true && (type == AuthorizerType.Token || version == "1.0"))
        {
            errors.Add(authorizer.ErrorAt(P.EnableSimpleResponses, "enableSimpleResponses needs a REQUEST authorizer with authorizerPayloadFormatVersion 2.0"));
        }

        if (authorizer.ResultTtlInSeconds is < 0 or > AuthorizerDefinition.MaxResultTtlInSeconds)
        {
            errors.Add(authorizer.ErrorAt(P.AuthorizerResultTtlInSeconds,
                $"authorizerResultTtlInSeconds must be 0 (no caching) to {AuthorizerDefinition.MaxResultTtlInSeconds}; got {authorizer.ResultTtlInSeconds}"));
        }

        if (authorizer.TimeoutInMillis is < MinTimeout or > MaxTimeout)
        {
            errors.Add(authorizer.ErrorAt(P.TimeoutInMillis, $"timeoutInMillis must be {MinTimeout} to {MaxTimeout}; got {authorizer.TimeoutInMillis}"));
        }

        if (type == AuthorizerType.Token)
        {
            if (sources.Count > 1 || sources.Any(static s => s.Kind != IdentitySourceKind.Header))
            {
                errors.Add(authorizer.ErrorAt(P.IdentitySource, "a TOKEN authorizer reads exactly one header, e.g. method.request.header.Authorization"));
            }

            if (authorizer.IdentityValidationExpression is { } expression && !Compiles(expression, out var error))
            {
                errors.Add(authorizer.ErrorAt(P.IdentityValidationExpression, $"identityValidationExpression is not a valid regular expression: {error}"));
            }
        }
        else if (authorizer.Has(P.IdentityValidationExpression))
        {
            errors.Add(authorizer.ErrorAt(P.IdentityValidationExpression, "identityValidationExpression applies to TOKEN authorizers only"));
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool Compiles(string pattern, out string error)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            error = "";
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
