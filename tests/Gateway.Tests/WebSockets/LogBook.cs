using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>
/// Every log record of a host, Debug included, as a logger provider. <see cref="WaitForAsync"/> awaits a record
/// matching a condition: woken by each new record, bounded by <see cref="TestTimeouts.Default"/>.
/// </summary>
internal sealed class LogBook : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<(string Category, LogLevel Level, string Message)> Entries => _entries;

    public async Task<(string Category, LogLevel Level, string Message)> WaitForAsync(Func<(string Category, LogLevel Level, string Message), bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (true)
        {
            var next = Volatile.Read(ref _next).Task;
            foreach (var entry in _entries)
            {
                if (condition(entry))
                {
                    return entry;
                }
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException("No log record met the condition. Records:\n" + string.Join('\n', _entries.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, string message)
    {
        _entries.Enqueue((category, level, message));
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class Logger(LogBook book, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            book.Add(category, logLevel, formatter(state, exception));
    }
}
