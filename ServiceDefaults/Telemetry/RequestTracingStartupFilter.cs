using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// First middleware of every pipeline: keeps health probes out of traces (they fire every second and would
/// drown real requests) and names request spans by route, with the HTTP semantic-convention tags that the
/// absent instrumentation package would have added.
/// </summary>
internal sealed class RequestTracingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var (health, alive) = Microsoft.Extensions.Hosting.Extensions.ProbePaths(
            app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        var healthPath = new PathString(health);
        var alivePath = new PathString(alive);
        app.Use(async (context, nextMiddleware) =>
        {
            var activity = Activity.Current;
            if (activity is null)
            {
                await nextMiddleware(context).ConfigureAwait(false);
                return;
            }

            var path = context.Request.Path;
            activity.SetTag("http.request.method", context.Request.Method);
            activity.SetTag("url.path", path.Value);
            activity.SetTag("url.scheme", context.Request.Scheme);
            if (path.StartsWithSegments(healthPath) || path.StartsWithSegments(alivePath))
            {
                // An unrecorded activity is dropped by the export processor.
                activity.IsAllDataRequested = false;
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                await nextMiddleware(context).ConfigureAwait(false);
                return;
            }

            try
            {
                await nextMiddleware(context).ConfigureAwait(false);
            }
            finally
            {
                activity.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
                {
                    activity.SetTag("http.route", route);
                    activity.DisplayName = $"{context.Request.Method} {route}";
                }

                if (context.Response.StatusCode >= 500)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        });
        next(app);
    };
}
