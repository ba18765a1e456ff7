using System.Text.Json;
using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Loading;

/// <summary>
/// Turns one parsed definition file into drafts, reporting every structural error (wrong type, unknown or
/// duplicate property) with its key. It checks no values: the rules do, over all files at once.
/// </summary>
internal static class DefinitionParser
{
    public static DefinitionDraft Parse(string file, JsonElement root, ICollection<DefinitionError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(file, JsonPath.Root,
                $"the root must be an object with \"{P.Apis}\" and/or \"{P.DomainNames}\", not {JsonObjectReader.KindOf(root)}"));
            return new DefinitionDraft();
        }

        var reader = JsonObjectReader.Open(root, file, "", P.OfRoot, errors)!;
        return new DefinitionDraft
        {
            Apis = [.. reader.Map(P.Apis, P.OfApi).Select(e => ReadApi(e.Name, e.Entry, errors))],
            DomainNames = [.. reader.Map(P.DomainNames, P.OfDomainName).Select(static e => ReadDomainName(e.Name, e.Entry))],
            UsagePlans = [.. reader.Map(P.UsagePlans, P.OfUsagePlan).Select(static e => ReadUsagePlan(e.Name, e.Entry))],
            ApiKeys = [.. reader.Map(P.ApiKeys, P.OfApiKey).Select(static e => ReadApiKey(e.Name, e.Entry))],
            IpSets = [.. reader.Map(P.IpSets, WebAclReader.OfIpSet).Select(e => WebAclReader.ReadIpSet(e.Name, e.Entry, errors))],
            WebAcls = [.. reader.Map(P.WebAcls, WebAclReader.OfWebAcl).Select(e => WebAclReader.ReadWebAcl(e.Name, e.Entry, errors))],
        };
    }

    private static ApiDraft ReadApi(string name, JsonObjectReader api, ICollection<DefinitionError> errors) => new()
    {
        Name = name,
        Protocol = api.String(P.Protocol),
        Description = api.String(P.Description),
        Routes = [.. api.Map(P.Routes, P.OfRoute).Select(static e => ReadRoute(e.Name, e.Entry))],
        Integrations = [.. api.Map(P.Integrations, P.OfIntegration).Select(static e => ReadIntegration(e.Name, e.Entry))],
        Stages = [.. api.Map(P.Stages, P.OfStage).Select(static e => ReadStage(e.Name, e.Entry))],
        GatewayResponses = [.. api.Map(P.GatewayResponses, P.OfGatewayResponse).Select(static e => ReadGatewayResponse(e.Name, e.Entry))],
        RouteSelectionExpression = api.String(P.RouteSelectionExpression),
        WebSocketSettings = api.Object(P.WebSocketSettings, P.OfWebSocketSettings) is { } settings ? ReadWebSocketSettings(settings) : null,
        Authorizers = [.. api.Map(P.Authorizers, P.OfAuthorizer).Select(static e => ReadAuthorizer(e.Name, e.Entry))],
        ApiKeySource = api.String(P.ApiKeySource),
        CorsConfiguration = api.Object(P.CorsConfiguration, P.OfCorsConfiguration) is { } cors ? ReadCors(cors) : null,
        Policy = api.Raw(P.Policy) is { } policy ? ResourcePolicyReader.Read(policy, api.File, api.KeyOf(P.Policy), errors) : null,
        Models = ReadModels(api, errors),
        RequestValidators = [.. api.Map(P.RequestValidators, P.OfRequestValidator).Select(static e => ReadRequestValidator(e.Name, e.Entry))],
        File = api.File,
        Key = api.Key,
        Present = api.Present,
        Invalid = api.Invalid,
    };

    /// <summary><c>models</c>: an object of schemas (objects, or booleans in 2020-12); each is cloned out of the file's document.</summary>
    private static List<ModelDraft> ReadModels(JsonObjectReader api, ICollection<DefinitionError> errors)
    {
        var models = new List<ModelDraft>();
        if (api.Raw(P.Models) is not { } raw)
        {
            return models;
        }

        var key = api.KeyOf(P.Models);
        if (raw.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(api.File, key, $"must be an object of JSON Schemas by model name, not {JsonObjectReader.KindOf(raw)}"));
            return models;
        }

        foreach (var model in raw.EnumerateObject())
        {
            var modelKey = JsonPath.Property(key, model.Name);
            if (model.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(new DefinitionError(api.File, modelKey, $"must be a JSON Schema (an object), not {JsonObjectReader.KindOf(model.Value)}"));
                continue;
            }

            models.Add(new ModelDraft(model.Name, model.Value.Clone(), api.File, modelKey));
        }

        return models;
    }

    private static RequestValidatorDraft ReadRequestValidator(string name, JsonObjectReader validator) => new()
    {
        Name = name,
        ValidateRequestBody = validator.Boolean(P.ValidateRequestBody),
        ValidateRequestParameters = validator.Boolean(P.ValidateRequestParameters),
        File = validator.File,
        Key = validator.Key,
        Present = validator.Present,
        Invalid = validator.Invalid,
    };

    private static RouteDraft ReadRoute(string routeKey, JsonObjectReader route) => new()
    {
        RouteKey = routeKey,
        Integration = route.String(P.Integration),
        RouteResponseSelectionExpression = route.String(P.RouteResponseSelectionExpression),
        AuthorizationType = route.String(P.AuthorizationType),
        AuthorizerId = route.String(P.AuthorizerId),
        AuthorizationScopes = route.StringList(P.AuthorizationScopes),
        ApiKeyRequired = route.Boolean(P.ApiKeyRequired),
        CacheKeyParameters = route.StringList(P.CacheKeyParameters),
        RequestValidatorId = route.String(P.RequestValidatorId),
        RequestModels = route.StringMap(P.RequestModels, StringComparer.OrdinalIgnoreCase),
        RequestParameters = route.BooleanMap(P.RequestParameters),
        File = route.File,
        Key = route.Key,
        Present = route.Present,
        Invalid = route.Invalid,
    };

    private static WebSocketSettingsDraft ReadWebSocketSettings(JsonObjectReader settings) => new()
    {
        IdleTimeoutSeconds = settings.Integer(P.IdleTimeoutSeconds),
        MaxConnectionDurationSeconds = settings.Integer(P.MaxConnectionDurationSeconds),
        MaxFrameBytes = settings.Integer(P.MaxFrameBytes),
        MaxMessageBytes = settings.Integer(P.MaxMessageBytes),
        AllowBinaryFrames = settings.Boolean(P.AllowBinaryFrames),
        File = settings.File,
        Key = settings.Key,
        Present = settings.Present,
        Invalid = settings.Invalid,
    };

    private static IntegrationDraft ReadIntegration(string name, JsonObjectReader integration) => new()
    {
        Name = name,
        IntegrationType = integration.String(P.IntegrationType),
        IntegrationUri = integration.String(P.IntegrationUri),
        IntegrationMethod = integration.String(P.IntegrationMethod),
        FunctionName = integration.String(P.FunctionName),
        PayloadFormatVersion = integration.String(P.PayloadFormatVersion),
        TimeoutInMillis = integration.Integer(P.TimeoutInMillis),
        MockResponse = integration.Object(P.MockResponse, P.OfMockResponse) is { } mock ? ReadMockResponse(mock) : null,
        File = integration.File,
        Key = integration.Key,
        Present = integration.Present,
        Invalid = integration.Invalid,
    };

    private static MockResponseDraft ReadMockResponse(JsonObjectReader mock) => new()
    {
        StatusCode = mock.Integer(P.StatusCode),
        Headers = mock.StringMap(P.Headers, StringComparer.OrdinalIgnoreCase),
        Body = mock.String(P.Body),
        File = mock.File,
        Key = mock.Key,
        Present = mock.Present,
        Invalid = mock.Invalid,
    };

    private static StageDraft ReadStage(string name, JsonObjectReader stage) => new()
    {
        Name = name,
        StageVariables = stage.StringMap(P.StageVariables, StringComparer.Ordinal),
        AccessLogFormat = stage.Object(P.AccessLogSettings, P.OfAccessLogSettings)?.String(P.Format),
        CacheClusterEnabled = stage.Boolean(P.CacheClusterEnabled),
        DefaultRouteSettings = stage.Object(P.DefaultRouteSettings, P.OfRouteSettings) is { } defaults ? ReadRouteSettings(null, defaults) : null,
        RouteSettings = [.. stage.Map(P.RouteSettings, P.OfRouteSettings).Select(static e => ReadRouteSettings(e.Name, e.Entry))],
        WebAcl = stage.String(P.WebAcl),
        File = stage.File,
        Key = stage.Key,
        Present = stage.Present,
        Invalid = stage.Invalid,
    };

    private static RouteSettingsDraft ReadRouteSettings(string? routeKey, JsonObjectReader settings) => new()
    {
        RouteKey = routeKey,
        ThrottlingRateLimit = settings.Number(P.ThrottlingRateLimit),
        ThrottlingBurstLimit = settings.Integer(P.ThrottlingBurstLimit),
        CachingEnabled = settings.Boolean(P.CachingEnabled),
        CacheTtlInSeconds = settings.Integer(P.CacheTtlInSeconds),
        RequireAuthorizationForCacheControl = settings.Boolean(P.RequireAuthorizationForCacheControl),
        UnauthorizedCacheControlHeaderStrategy = settings.String(P.UnauthorizedCacheControlHeaderStrategy),
        CacheableStatusCodes = settings.IntegerList(P.CacheableStatusCodes),
        File = settings.File,
        Key = settings.Key,
        Present = settings.Present,
        Invalid = settings.Invalid,
    };

    private static GatewayResponseDraft ReadGatewayResponse(string typeName, JsonObjectReader response) => new()
    {
        TypeName = typeName,
        StatusCode = response.Integer(P.StatusCode),
        Headers = response.StringMap(P.Headers, StringComparer.OrdinalIgnoreCase),
        BodyTemplate = response.String(P.BodyTemplate),
        File = response.File,
        Key = response.Key,
        Present = response.Present,
        Invalid = response.Invalid,
    };

    private static DomainNameDraft ReadDomainName(string name, JsonObjectReader domain) => new()
    {
        Name = name,
        ApiMappings = [.. domain.Array(P.ApiMappings, P.OfApiMapping).Select(ReadApiMapping)],
        File = domain.File,
        Key = domain.Key,
        Present = domain.Present,
        Invalid = domain.Invalid,
    };

    private static ApiMappingDraft ReadApiMapping(JsonObjectReader mapping) => new()
    {
        ApiMappingKey = mapping.String(P.ApiMappingKey),
        Api = mapping.String(P.Api),
        Stage = mapping.String(P.Stage),
        File = mapping.File,
        Key = mapping.Key,
        Present = mapping.Present,
        Invalid = mapping.Invalid,
    };

    private static AuthorizerDraft ReadAuthorizer(string name, JsonObjectReader authorizer) => new()
    {
        Name = name,
        AuthorizerType = authorizer.String(P.AuthorizerType),
        IdentitySource = authorizer.StringList(P.IdentitySource, splitString: true),
        JwtConfiguration = authorizer.Object(P.JwtConfiguration, P.OfJwtConfiguration) is { } jwt ? ReadJwtConfiguration(jwt) : null,
        IntegrationUri = authorizer.String(P.IntegrationUri),
        FunctionName = authorizer.String(P.FunctionName),
        PayloadFormatVersion = authorizer.String(P.AuthorizerPayloadFormatVersion),
        EnableSimpleResponses = authorizer.Boolean(P.EnableSimpleResponses),
        ResultTtlInSeconds = authorizer.Integer(P.AuthorizerResultTtlInSeconds),
        IdentityValidationExpression = authorizer.String(P.IdentityValidationExpression),
        TimeoutInMillis = authorizer.Integer(P.TimeoutInMillis),
        File = authorizer.File,
        Key = authorizer.Key,
        Present = authorizer.Present,
        Invalid = authorizer.Invalid,
    };

    private static JwtConfigurationDraft ReadJwtConfiguration(JsonObjectReader jwt) => new()
    {
        Issuer = jwt.String(P.Issuer),
        Audience = jwt.StringList(P.Audience),
        JwksUri = jwt.String(P.JwksUri),
        SharedSecrets = jwt.StringList(P.SharedSecrets),
        ClockSkewSeconds = jwt.Integer(P.ClockSkewSeconds),
        File = jwt.File,
        Key = jwt.Key,
        Present = jwt.Present,
        Invalid = jwt.Invalid,
    };

    private static UsagePlanDraft ReadUsagePlan(string name, JsonObjectReader plan) => new()
    {
        Name = name,
        Description = plan.String(P.Description),
        ApiStages = [.. plan.Array(P.ApiStages, P.OfUsagePlanApiStage).Select(ReadUsagePlanApiStage)],
        Throttle = plan.Object(P.Throttle, P.OfThrottle) is { } throttle ? ReadThrottle(throttle) : null,
        Quota = plan.Object(P.Quota, P.OfQuota) is { } quota ? ReadQuota(quota) : null,
        File = plan.File,
        Key = plan.Key,
        Present = plan.Present,
        Invalid = plan.Invalid,
    };

    private static UsagePlanApiStageDraft ReadUsagePlanApiStage(JsonObjectReader stage) => new()
    {
        Api = stage.String(P.Api),
        Stage = stage.String(P.Stage),
        Throttle = [.. stage.Map(P.Throttle, P.OfThrottle).Select(static e => (e.Name, ReadThrottle(e.Entry)))],
        File = stage.File,
        Key = stage.Key,
        Present = stage.Present,
        Invalid = stage.Invalid,
    };

    private static ThrottleDraft ReadThrottle(JsonObjectReader throttle) => new()
    {
        RateLimit = throttle.Number(P.RateLimit),
        BurstLimit = throttle.Integer(P.BurstLimit),
        File = throttle.File,
        Key = throttle.Key,
        Present = throttle.Present,
        Invalid = throttle.Invalid,
    };

    private static QuotaDraft ReadQuota(JsonObjectReader quota) => new()
    {
        Limit = quota.Long(P.Limit),
        Period = quota.String(P.Period),
        Offset = quota.Integer(P.Offset),
        File = quota.File,
        Key = quota.Key,
        Present = quota.Present,
        Invalid = quota.Invalid,
    };

    private static ApiKeyDraft ReadApiKey(string id, JsonObjectReader key) => new()
    {
        Id = id,
        Value = key.String(P.Value),
        ValueSha256 = key.String(P.ValueSha256),
        Enabled = key.Boolean(P.Enabled),
        UsagePlans = key.StringList(P.UsagePlans),
        Description = key.String(P.Description),
        File = key.File,
        Key = key.Key,
        Present = key.Present,
        Invalid = key.Invalid,
    };

    private static CorsConfigurationDraft ReadCors(JsonObjectReader cors) => new()
    {
        AllowOrigins = cors.StringList(P.AllowOrigins),
        AllowMethods = cors.StringList(P.AllowMethods),
        AllowHeaders = cors.StringList(P.AllowHeaders),
        ExposeHeaders = cors.StringList(P.ExposeHeaders),
        MaxAge = cors.Integer(P.MaxAge),
        AllowCredentials = cors.Boolean(P.AllowCredentials),
        File = cors.File,
        Key = cors.Key,
        Present = cors.Present,
        Invalid = cors.Invalid,
    };
}
