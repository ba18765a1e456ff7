using System.Text.RegularExpressions;
using Platform.Definitions.Cors;
using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// <c>corsConfiguration</c> (AWS-REFERENCE §1.6): HTTP and REST APIs only; origins are <c>*</c>,
/// <c>scheme://host[:port]</c> or <c>scheme://*.domain[:port]</c>; credentials need explicit origins (browsers refuse
/// <c>*</c> with credentials); methods are HTTP methods or <c>*</c>; header names are tokens or <c>*</c>;
/// <c>maxAge</c> is 0 to 86,400.
/// </summary>
internal sealed partial class CorsRule : IDefinitionRule
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"];

    [GeneratedRegex(@"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?\z")]
    private static partial Regex Origin();

    [GeneratedRegex(@"^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\z")]
    private static partial Regex Token();

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.CorsConfiguration is not { } cors)
            {
                continue;
            }

            if (api.IsWebSocket)
            {
                errors.Add(api.ErrorAt(P.CorsConfiguration, "corsConfiguration applies to HTTP and REST APIs; a WebSocket handshake is not subject to CORS"));
                continue;
            }

            foreach (var origin in cors.AllowOrigins ?? [])
            {
                if (origin != "*" && !Origin().IsMatch(origin))
                {
                    errors.Add(cors.ErrorAt(P.AllowOrigins,
                        $"origin '{origin}' must be *, scheme://host[:port] or scheme://*.domain[:port] (no path, no trailing slash)"));
                }
            }

            if (cors.AllowCredentials == true && (cors.AllowOrigins ?? []).Contains("*"))
            {
                errors.Add(cors.ErrorAt(P.AllowCredentials, "allowCredentials needs explicit allowOrigins: browsers refuse credentials with the origin *"));
            }

            foreach (var method in (cors.AllowMethods ?? []).Where(m => !Methods.Contains(m.ToUpperInvariant(), StringComparer.Ordinal)))
            {
                errors.Add(cors.ErrorAt(P.AllowMethods, $"method '{method}' must be one of {string.Join(", ", Methods)}"));
            }

            foreach (var (property, names) in new[] { (P.AllowHeaders, cors.AllowHeaders), (P.ExposeHeaders, cors.ExposeHeaders) })
            {
                foreach (var name in (names ?? []).Where(n => !Token().IsMatch(n)))
                {
                    errors.Add(cors.ErrorAt(property, $"header name '{name}' must be letters, digits or !#$%&'*+-.^_`|~"));
                }
            }

            if (cors.MaxAge is < 0 or > CorsConfiguration.MaxMaxAge)
            {
                errors.Add(cors.ErrorAt(P.MaxAge, $"maxAge must be 0 to {CorsConfiguration.MaxMaxAge} seconds; got {cors.MaxAge}"));
            }
        }
    }
}
