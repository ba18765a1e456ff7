using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Identity.Tests;

/// <summary>Keeps every log record of the app it is added to: level, category and formatted message.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _records = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._records.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
