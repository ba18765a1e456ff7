namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Defaults of every HttpClient created through <c>IHttpClientFactory</c>, bound from the
/// <c>HttpClientDefaults</c> configuration section.
/// </summary>
public sealed class HttpClientResilienceOptions
{
    public const string SectionName = "HttpClientDefaults";

    /// <summary>Upper bound of one call including its retries. Default 30 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of one attempt. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, idempotent requests only. Default 3; 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially with jitter. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
