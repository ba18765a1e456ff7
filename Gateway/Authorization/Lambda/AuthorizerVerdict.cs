namespace Platform.Gateway.Authorization.Lambda;

/// <summary>An authorizer decision applied to one request.</summary>
internal enum AuthorizerVerdict
{
    Allow,

    /// <summary>A simple response with <c>isAuthorized: false</c>.</summary>
    Deny,

    /// <summary>No policy statement allows the request's ARN.</summary>
    ImplicitDeny,

    /// <summary>A policy statement denies the request's ARN.</summary>
    ExplicitDeny,
}
