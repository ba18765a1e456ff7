namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// Definition files for the WAF's pipeline tests: API <c>shop</c> (HTTP) at the root of the <c>$default</c> domain,
/// stage <c>prod</c> with web ACL <c>guard</c> and an access log of every <c>$context.waf.*</c> variable; MOCK routes
/// <c>GET /items</c>, <c>POST /items</c>, <c>GET /admin/{proxy+}</c>.
/// </summary>
internal static class WafApis
{
    public const string AccessLogFormat =
        "waf=$context.waf.status latency=$context.waf.latency action=$context.waf.action matched=$context.waf.matchedRules " +
        "terminating=$context.waf.terminatingRule code=$context.wafResponseCode arn=$context.webaclArn status=$context.status " +
        "type=$context.error.responseType";

    /// <param name="rules">The ACL's rules array (JSON).</param>
    /// <param name="aclExtras">More ACL members, e.g. <c>"blockResponse": {...}</c> or <c>"geo": {...}</c> (with a trailing comma).</param>
    /// <param name="ipSets">The root <c>ipSets</c> object (JSON).</param>
    /// <param name="apiExtras">More API members, e.g. <c>"gatewayResponses": {...}</c> (with a trailing comma).</param>
    /// <param name="routes">The API's routes object (JSON), replacing the MOCK ones.</param>
    /// <param name="integrations">The API's integrations object (JSON).</param>
    public static string With(
        string rules,
        string defaultAction = "ALLOW",
        string aclExtras = "",
        string ipSets = "{}",
        string apiExtras = "",
        string? routes = null,
        string? integrations = null) => $$"""
        {
          "ipSets": {{ipSets}},
          "webAcls": {
            "guard": {
              {{aclExtras}}
              "defaultAction": "{{defaultAction}}",
              "rules": {{rules}}
            }
          },
          "apis": {
            "shop": {
              "protocol": "HTTP",
              {{apiExtras}}
              "routes": {{routes ?? """{ "GET /items": { "integration": "ok" }, "POST /items": { "integration": "ok" }, "GET /admin/{proxy+}": { "integration": "ok" } }"""}},
              "integrations": {{integrations ?? """{ "ok": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "ok" } } }"""}},
              "stages": { "prod": { "webAcl": "guard", "accessLogSettings": { "format": "{{AccessLogFormat}}" } } }
            }
          },
          "domainNames": { "$default": { "apiMappings": [ { "apiMappingKey": "", "api": "shop", "stage": "prod" } ] } }
        }
        """;

    /// <summary>One rule, as an element of the rules array.</summary>
    public static string Rule(string name, int priority, string action, string statement) =>
        $$"""{ "name": "{{name}}", "priority": {{priority}}, "action": "{{action}}", "statement": {{statement}} }""";

    public const string AllFields = """["QUERY_STRING", "BODY", "ALL_HEADERS", "URI_PATH"]""";

    public static string Sqli(string fields = AllFields) => $$"""{ "sqliMatch": { "fieldsToMatch": {{fields}} } }""";

    public static string Xss(string fields = AllFields) => $$"""{ "xssMatch": { "fieldsToMatch": {{fields}} } }""";
}
