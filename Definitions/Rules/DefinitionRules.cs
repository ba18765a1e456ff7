namespace Platform.Definitions.Rules;

/// <summary>Every rule, in the order their errors are listed: APIs, routes, integrations, stages, gateway responses, domain names, authorizers, route access, usage plans, API keys.</summary>
internal static class DefinitionRules
{
    public static IReadOnlyList<IDefinitionRule> All { get; } =
    [
        new ApiNameRule(),
        new DuplicateApiRule(),
        new ApiProtocolRule(),
        new RouteCountRule(),
        new RouteSelectionExpressionRule(),
        new RouteKeyRule(),
        new DuplicateRouteRule(),
        new RouteIntegrationRule(),
        new RouteResponseRule(),
        new IntegrationTypeRule(),
        new IntegrationPropertiesRule(),
        new IntegrationUriRule(),
        new FunctionNameRule(),
        new UriPlaceholderRule(),
        new StageVariableReferenceRule(),
        new IntegrationMethodRule(),
        new PayloadFormatVersionRule(),
        new WebSocketIntegrationRule(),
        new WebSocketSettingsRule(),
        new TimeoutRule(),
        new MockResponseRule(),
        new HeaderRule(),
        new StageRequiredRule(),
        new StageNameRule(),
        new StageVariablesRule(),
        new AccessLogFormatRule(),
        new GatewayResponseTypeRule(),
        new GatewayResponseStatusCodeRule(),
        new GatewayResponseTemplateRule(),
        new DomainNameRule(),
        new DuplicateDomainNameRule(),
        new ApiMappingKeyRule(),
        new ApiMappingTargetRule(),
        new DuplicateApiMappingRule(),
        new AuthorizerRule(),
        new RouteAuthorizationRule(),
        new UsagePlanRule(),
        new ApiKeyRule(),
        new CorsRule(),
        new WebAclRule(),
    ];
}
