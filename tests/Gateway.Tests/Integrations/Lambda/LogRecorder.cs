using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>An <see cref="ILogger{T}"/> that keeps every formatted entry, so tests can read what was logged.</summary>
internal sealed class LogRecorder<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
