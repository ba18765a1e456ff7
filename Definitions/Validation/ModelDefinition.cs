using Platform.Definitions.Schemas;

namespace Platform.Definitions.Validation;

/// <summary>An API model (<c>models.{name}</c>): a JSON Schema (draft-04 unless <c>$schema</c> says 2020-12) request bodies are validated against.</summary>
public sealed record ModelDefinition
{
    public required string Name { get; init; }

    /// <summary>The compiled schema.</summary>
    public required JsonSchema Schema { get; init; }
}

/// <summary>A request validator (<c>requestValidators.{name}</c>): what a route that names it checks, as AWS's.</summary>
public sealed record RequestValidatorDefinition
{
    public required string Name { get; init; }

    /// <summary>Validate the body against the route's model for the request's content type.</summary>
    public bool ValidateRequestBody { get; init; }

    /// <summary>Require the route's required <c>requestParameters</c>.</summary>
    public bool ValidateRequestParameters { get; init; }
}

/// <summary>A declared request parameter (<c>requestParameters["method.request.querystring.page"]: true</c>): true when it is required.</summary>
public sealed record RequestParameterDefinition(Stages.CacheKeyParameter Parameter, bool Required);
