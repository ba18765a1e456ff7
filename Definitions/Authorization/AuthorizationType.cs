namespace Platform.Definitions.Authorization;

/// <summary>How a route authorizes its callers (<c>authorizationType</c>), AWS's names.</summary>
public enum AuthorizationType
{
    /// <summary><c>NONE</c>: open (API keys and resource policies still apply).</summary>
    None,

    /// <summary><c>JWT</c>: a JWT authorizer of the API validates a bearer token.</summary>
    Jwt,

    /// <summary><c>CUSTOM</c>: a Lambda-style (REQUEST or TOKEN) authorizer of the API decides.</summary>
    Custom,

    /// <summary><c>AWS_IAM</c>: the request must carry a valid SigV4 signature (service <c>execute-api</c>).</summary>
    AwsIam,
}

/// <summary>The kinds of authorizer an API declares (<c>authorizerType</c>).</summary>
public enum AuthorizerType
{
    /// <summary><c>JWT</c>: validates tokens of one issuer.</summary>
    Jwt,

    /// <summary><c>REQUEST</c>: a function gets the request's identity sources, headers, query and context.</summary>
    Request,

    /// <summary><c>TOKEN</c> (REST): a function gets one header's value as <c>authorizationToken</c>.</summary>
    Token,
}

/// <summary>Where API keys come from (<c>apiKeySource</c>).</summary>
public enum ApiKeySource
{
    /// <summary><c>HEADER</c>: the <c>x-api-key</c> header.</summary>
    Header,

    /// <summary><c>AUTHORIZER</c>: the <c>usageIdentifierKey</c> a Lambda authorizer returns.</summary>
    Authorizer,
}

/// <summary>The definition-file names of the authorization enums.</summary>
public static class AuthorizationNames
{
    public static bool TryParseAuthorizationType(string? text, out AuthorizationType type)
    {
        (var known, type) = text switch
        {
            "NONE" => (true, AuthorizationType.None),
            "JWT" => (true, AuthorizationType.Jwt),
            "CUSTOM" => (true, AuthorizationType.Custom),
            "AWS_IAM" => (true, AuthorizationType.AwsIam),
            _ => (false, AuthorizationType.None),
        };
        return known;
    }

    public static string NameOf(AuthorizationType type) => type switch
    {
        AuthorizationType.Jwt => "JWT",
        AuthorizationType.Custom => "CUSTOM",
        AuthorizationType.AwsIam => "AWS_IAM",
        _ => "NONE",
    };

    public static bool TryParseAuthorizerType(string? text, out AuthorizerType type)
    {
        (var known, type) = text switch
        {
            "JWT" => (true, AuthorizerType.Jwt),
            "REQUEST" => (true, AuthorizerType.Request),
            "TOKEN" => (true, AuthorizerType.Token),
            _ => (false, AuthorizerType.Jwt),
        };
        return known;
    }

    public static string NameOf(AuthorizerType type) => type switch
    {
        AuthorizerType.Request => "REQUEST",
        AuthorizerType.Token => "TOKEN",
        _ => "JWT",
    };

    public static bool TryParseApiKeySource(string? text, out ApiKeySource source)
    {
        (var known, source) = text switch
        {
            "HEADER" => (true, ApiKeySource.Header),
            "AUTHORIZER" => (true, ApiKeySource.Authorizer),
            _ => (false, ApiKeySource.Header),
        };
        return known;
    }
}
