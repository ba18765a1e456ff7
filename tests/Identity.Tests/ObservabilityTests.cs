using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Identity.Tests;

/// <summary>The meter <c>Platform.Identity</c> counts issued and rejected tokens; rejected logins are logged without secrets.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Metrics_IssuedAndRejected_AreCountedWithTheErrorCode()
    {
        // Arrange
        await using var app = IdentityApp.Start();
        var measurements = new List<(string Instrument, string? Error)>();
        using var listener = Listen(app.Services.GetRequiredService<IMeterFactory>(), measurements);

        // Act
        await app.Client.GetTokenAsync();
        (await app.Client.PostTokenAsync("grant_type=client_credentials", TokenRequests.Basic("platform-dev", "wrong"))).Dispose();
        (await app.Client.PostTokenAsync("grant_type=client_credentials&scope=admin", TokenRequests.Basic("platform-dev", "platform-dev-secret"))).Dispose();

        // Assert
        lock (measurements)
        {
            Assert.Equal(
                [("identity.tokens.issued", null), ("identity.tokens.rejected", "invalid_client"), ("identity.tokens.rejected", "invalid_scope")],
                measurements);
        }
    }

    [Fact]
    public async Task Logs_RejectedClientAuthentication_WarnsWithoutTheSecret()
    {
        // Arrange
        await using var app = IdentityApp.Start();

        // Act
        (await app.Client.PostTokenAsync("grant_type=client_credentials", TokenRequests.Basic("platform-dev", "Guessed-Secret-1"))).Dispose();
        (await app.Client.PostTokenAsync("grant_type=client_credentials&client_id=intruder&client_secret=Guessed-Secret-2")).Dispose();

        // Assert
        var warnings = app.Logs.Records.Where(record => record.Level == LogLevel.Warning && record.Category.StartsWith("Platform.Identity", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("platform-dev", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("client_secret_basic", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("intruder", warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("client_secret_post", warnings[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Records, record => record.Message.Contains("Guessed-Secret", StringComparison.Ordinal)
            || record.Message.Contains("platform-dev-secret", StringComparison.Ordinal));
    }

    /// <summary>Records this app's Platform.Identity measurements (other tests' apps run in parallel with their own factories).</summary>
    private static MeterListener Listen(IMeterFactory factory, List<(string Instrument, string? Error)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Identity" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            string? error = null;
            foreach (var tag in tags)
            {
                error = tag.Key == "error" ? tag.Value as string : error;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, error));
            }
        });
        listener.Start();
        return listener;
    }
}
