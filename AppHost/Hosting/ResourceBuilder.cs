using Platform.AppHost.Model;

namespace Platform.AppHost.Hosting;

/// <summary>The fluent handle on one resource of the app model, as in Aspire.</summary>
internal sealed record ResourceBuilder<T>(DistributedApplicationBuilder ApplicationBuilder, T Resource)
    where T : Resource;
