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
    : IHostedService
{
    public const string VariableName = "PLATFORM_APPHOST_LINK";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A console read cannot be cancelled, so it runs on a background thread that never delays shutdown
        // (a BackgroundService would make the host wait for it until the shutdown timeout).
        var watcher = new Thread(WatchStandardInput) { IsBackground = true, Name = "AppHost lifetime link" };
        watcher.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WatchStandardInput()
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // The AppHost never writes; anything read is ignored.
            }
        }
        catch (IOException)
        {
            // A broken pipe means the same as end-of-file.
        }

        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Log.AppHostGone(logger);
            lifetime.StopApplication();
        }
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
