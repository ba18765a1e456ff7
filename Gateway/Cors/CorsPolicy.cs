using Microsoft.Net.Http.Headers;
using Platform.Definitions.Cors;

namespace Platform.Gateway.Cors;

/// <summary>
/// An API's <see cref="CorsConfiguration"/>, compiled once per definition version, applied as API Gateway applies it
/// to HTTP APIs (AWS-REFERENCE §1.6):
/// <list type="bullet">
/// <item>a preflight (<c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>) is answered by the
/// gateway, 204, whatever the routes, and never reaches an authorizer or integration; an origin, method or header
/// the configuration does not allow gets the 204 without <c>Access-Control-Allow-*</c> headers, so the browser
/// refuses the real request;</item>
/// <item>every other response drops the backend's <c>Access-Control-*</c> headers and, for an allowed
/// <c>Origin</c>, carries the configured ones (<c>Vary: Origin</c> whenever the answer depends on it).</item>
/// </list>
/// Origins compare case-insensitively; <c>https://*.example.com</c> matches any subdomain of example.com (not
/// example.com itself), on the pattern's port only.
/// </summary>
public sealed class CorsPolicy
{
    private const string Any = "*";

    private readonly CorsConfiguration _configuration;
    private readonly bool _anyOrigin;
    private readonly HashSet<string> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Scheme, string Suffix, string Port)> _wildcards = [];
    private readonly bool _anyMethod;
    private readonly HashSet<string> _methods;
    private readonly bool _anyHeader;
    private readonly HashSet<string> _headers;
    private readonly string? _allowMethods;
    private readonly string? _allowHeaders;
    private readonly string? _exposeHeaders;
    private readonly string? _maxAge;

    public CorsPolicy(CorsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        foreach (var origin in configuration.AllowOrigins)
        {
            if (origin == Any)
            {
                _anyOrigin = true;
            }
            else if (origin.IndexOf("://*.", StringComparison.Ordinal) is var star and > 0)
            {
                var rest = origin[(star + 5)..];
                var colon = rest.LastIndexOf(':');
                _wildcards.Add((origin[..star], colon < 0 ? rest : rest[..colon], colon < 0 ? "" : rest[colon..]));
            }
            else
            {
                _origins.Add(origin);
            }
        }

        _anyMethod = configuration.AllowMethods.Contains(Any);
        _methods = new HashSet<string>(configuration.AllowMethods, StringComparer.OrdinalIgnoreCase);
        _anyHeader = configuration.AllowHeaders.Contains(Any);
        _headers = new HashSet<string>(configuration.AllowHeaders, StringComparer.OrdinalIgnoreCase);
        _allowMethods = _anyMethod || configuration.AllowMethods.Count == 0 ? null : string.Join(',', configuration.AllowMethods);
        _allowHeaders = _anyHeader || configuration.AllowHeaders.Count == 0 ? null : string.Join(',', configuration.AllowHeaders);
        _exposeHeaders = configuration.ExposeHeaders.Count == 0 ? null : string.Join(',', configuration.ExposeHeaders);
        _maxAge = configuration.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A CORS preflight: <c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>.</summary>
    public static bool IsPreflight(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsOptions(request.Method)
            && request.Headers.Origin.Count > 0
            && request.Headers.AccessControlRequestMethod.Count > 0;
    }

    public bool IsAllowedOrigin(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (_anyOrigin || _origins.Contains(origin))
        {
            return true;
        }

        foreach (var (scheme, suffix, port) in _wildcards)
        {
            // scheme://{one or more labels}.{suffix}{port}
            var prefix = scheme + "://";
            if (origin.Length > prefix.Length + suffix.Length + port.Length + 1
                && origin.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && origin.EndsWith("." + suffix + port, StringComparison.OrdinalIgnoreCase)
                && !origin.AsSpan(prefix.Length, origin.Length - prefix.Length - suffix.Length - port.Length - 1).ContainsAny(":/"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Answers a preflight: 204, with the CORS headers only when origin, method and every requested header are allowed.</summary>
    public void WritePreflight(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        response.Headers.Vary = "Origin";
        var origin = request.Headers.Origin.ToString();
        var method = request.Headers.AccessControlRequestMethod.ToString().Trim();
        var requested = request.Headers.AccessControlRequestHeaders.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!IsAllowedOrigin(origin)
            || !(_anyMethod || _methods.Contains(method))
            || !(_anyHeader || requested.All(_headers.Contains)))
        {
            return;
        }

        WriteOrigin(response.Headers, origin);
        response.Headers.AccessControlAllowMethods = _allowMethods ?? method;
        if (requested.Length > 0)
        {
            response.Headers.AccessControlAllowHeaders = _allowHeaders ?? string.Join(',', requested);
        }
        else if (_allowHeaders is not null)
        {
            response.Headers.AccessControlAllowHeaders = _allowHeaders;
        }

        if (_maxAge is not null)
        {
            response.Headers.AccessControlMaxAge = _maxAge;
        }
    }

    /// <summary>Arranges for the response to carry this policy's headers instead of the backend's, whoever writes it.</summary>
    public void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            var (policy, context) = ((CorsPolicy, HttpContext))state;
            policy.Rewrite(context);
            return Task.CompletedTask;
        }, (this, context));
    }

    private void Rewrite(HttpContext context)
    {
        var headers = context.Response.Headers;
        foreach (var name in headers.Keys.Where(static k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return;
        }

        if (!_anyOrigin || _configuration.AllowCredentials)
        {
            headers.Append(HeaderNames.Vary, "Origin");
        }

        if (!IsAllowedOrigin(origin))
        {
            return;
        }

        WriteOrigin(headers, origin);
        if (_exposeHeaders is not null)
        {
            headers.AccessControlExposeHeaders = _exposeHeaders;
        }
    }

    private void WriteOrigin(IHeaderDictionary headers, string origin)
    {
        headers.AccessControlAllowOrigin = _anyOrigin && !_configuration.AllowCredentials ? Any : origin;
        if (_configuration.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }
    }
}
