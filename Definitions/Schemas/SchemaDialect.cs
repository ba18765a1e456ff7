namespace Platform.Definitions.Schemas;

/// <summary>The JSON Schema drafts a model may be written in, chosen by its <c>$schema</c>.</summary>
public enum SchemaDialect
{
    /// <summary>
    /// <c>http://json-schema.org/draft-04/schema#</c>, and the default when <c>$schema</c> is absent (API Gateway models):
    /// boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, array-form <c>items</c> with <c>additionalItems</c>,
    /// <c>$ref</c> siblings ignored, no boolean schemas.
    /// </summary>
    Draft04,

    /// <summary>
    /// <c>https://json-schema.org/draft/2020-12/schema</c>: numeric <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>,
    /// <c>prefixItems</c> + <c>items</c>, <c>$ref</c> siblings apply, <c>true</c>/<c>false</c> schemas.
    /// </summary>
    Draft202012,
}
