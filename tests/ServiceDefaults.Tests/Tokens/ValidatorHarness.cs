using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Discovery;
using Platform.ServiceDefaults.Tokens;
using Platform.Testing.Tokens;

namespace Platform.ServiceDefaults.Tests.Tokens;

/// <summary>
/// A real <see cref="TestIssuer"/> with one RSA and one EC key, and a fresh <see cref="JwtValidator"/> reading the
/// time from a <see cref="ManualClock"/> and logging into <see cref="Logs"/>.
/// </summary>
internal sealed class ValidatorHarness : IAsyncDisposable
{
    public const string Audience = "platform";

    private ValidatorHarness(TestIssuer issuer, RsaTestKey rsa, EcTestKey ec, JwtValidator validator, ManualClock clock, ConcurrentQueue<(LogLevel, string)> logs)
    {
        Issuer = issuer;
        Rsa = rsa;
        Ec = ec;
        Validator = validator;
        Clock = clock;
        Logs = logs;
        Parameters = new JwtValidationParameters(issuer.PublicIssuer, [Audience]);
    }

    public TestIssuer Issuer { get; }

    public RsaTestKey Rsa { get; }

    public EcTestKey Ec { get; }

    public JwtValidator Validator { get; }

    public ManualClock Clock { get; }

    public ConcurrentQueue<(LogLevel Level, string Message)> Logs { get; }

    /// <summary>The issuer's own URL, audience <see cref="Audience"/>, no secrets, no skew.</summary>
    public JwtValidationParameters Parameters { get; }

    /// <param name="configure">Changes to the validator's options.</param>
    /// <param name="settings">Configuration for the validator's service discovery, given the issuer's address.</param>
    public static async Task<ValidatorHarness> StartAsync(
        Action<JwtValidatorOptions>? configure = null, Func<Uri, IDictionary<string, string?>>? settings = null)
    {
        var rsa = TestSigningKey.CreateRsa("rsa-1");
        var ec = TestSigningKey.CreateEc("ec-1");
        var issuer = await TestIssuer.StartAsync(rsa, ec);
        var options = new JwtValidatorOptions();
        configure?.Invoke(options);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings?.Invoke(issuer.Address) ?? new Dictionary<string, string?>()).Build();
        var logs = new ConcurrentQueue<(LogLevel, string)>();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var validator = new JwtValidator(Options.Create(options), new ServiceEndpointResolver(configuration), clock, new QueueLogger(logs));
        return new ValidatorHarness(issuer, rsa, ec, validator, clock, logs);
    }

    /// <summary>Claims from this issuer for <see cref="Audience"/>, valid for an hour from the clock's now.</summary>
    public System.Text.Json.Nodes.JsonObject Claims() => TestTokens.Claims(Issuer.PublicIssuer, Audience, Clock.Now);

    public Task<JwtValidationResult> ValidateAsync(string token, JwtValidationParameters? parameters = null) =>
        Validator.ValidateAsync(token, parameters ?? Parameters).AsTask().WaitAsync(TestHost.Timeout);

    public async ValueTask DisposeAsync()
    {
        Validator.Dispose();
        await Issuer.DisposeAsync();
        Rsa.Dispose();
        Ec.Dispose();
    }

    private sealed class QueueLogger(ConcurrentQueue<(LogLevel, string)> logs) : ILogger<JwtValidator>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((logLevel, formatter(state, exception)));
    }
}
