using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// Ties a child process's life to the AppHost that started it. The AppHost sets
/// <c>PLATFORM_APPHOST_LINK=stdin</c> and keeps the child's stdin open; when the AppHost dies, even by SIGKILL,
/// the kernel closes that pipe, the read returns end-of-file and the child stops itself: no orphans.
/// </summary>
internal sealed partial class AppHostLifetimeLink(IHostApplicationLifetime lifetime, ILogger<AppHostLifetimeLink> logger)
    : BackgroundService
{
    public const string VariableName = "PLATFORM_APPHOST_LINK";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await stdin.ReadAsync(buffer, stoppingToken).ConfigureAwait(false) > 0)
            {
                // The AppHost never writes; anything read is ignored.
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        Log.AppHostGone(logger);
        lifetime.StopApplication();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The AppHost that started this process is gone (stdin closed); stopping.")]
        public static partial void AppHostGone(ILogger logger);
    }
}

internal static class AppHostLifetimeLinkRegistration
{
    public static IServiceCollection AddAppHostLifetimeLink(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.Equals(configuration[AppHostLifetimeLink.VariableName], "stdin", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<AppHostLifetimeLink>();
        }

        return services;
    }
}
