namespace Platform.Gateway.Tests.Definitions;

/// <summary>
/// Small definition documents for table-driven tests, written with single quotes (turned into double quotes)
/// so a table row stays readable. Each <c>Api</c> argument is a whole member (<c>'protocol': 'HTTP'</c>);
/// null keeps the valid default, "" leaves the member out.
/// </summary>
internal static class DefinitionJson
{
    public const string FileName = "test.json";

    public const string Mock = "{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200}}";

    public static string Of(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static string Api(
        string name = "a",
        string? protocol = null,
        string? routes = null,
        string? integrations = null,
        string? stages = null,
        string? gatewayResponses = null,
        string? domainNames = null) =>
        Of("{'apis': {'" + name + "': {" + Members(
            protocol ?? "'protocol': 'HTTP'",
            routes ?? "'routes': {'GET /x': {'integration': 'i'}}",
            integrations ?? "'integrations': {'i': " + Mock + "}",
            stages ?? "'stages': {'$default': {}}",
            gatewayResponses ?? "") + "}}" + (domainNames is { Length: > 0 } ? ", " + domainNames : "") + "}");

    /// <summary>An API with one route using integration <c>i</c>, given as the integration's JSON.</summary>
    public static string Integration(string integration, string protocol = "HTTP", string route = "GET /x") =>
        Api(protocol: $"'protocol': '{protocol}'", routes: "'routes': {'" + route + "': {'integration': 'i'}}", integrations: "'integrations': {'i': " + integration + "}");

    /// <summary>The default API plus <paramref name="domainNames"/> (a whole <c>'domainNames': {...}</c> member).</summary>
    public static string Domains(string domainNames) => Api(domainNames: domainNames);

    private static string Members(params string[] members) => string.Join(", ", members.Where(static m => m.Length > 0));
}
