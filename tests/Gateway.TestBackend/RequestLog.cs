using System.Collections.Concurrent;

namespace Platform.Gateway.TestBackend;

/// <summary>How many <c>/delay</c> requests started and how many saw their client go away, per caller-chosen tag.</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<string, Counts> _byTag = new(StringComparer.Ordinal);

    public void Started(string tag) => _byTag.AddOrUpdate(tag, new Counts(1, 0), static (_, c) => c with { Started = c.Started + 1 });

    public void Aborted(string tag) => _byTag.AddOrUpdate(tag, new Counts(0, 1), static (_, c) => c with { Aborted = c.Aborted + 1 });

    public Counts Of(string tag) => _byTag.GetValueOrDefault(tag, new Counts(0, 0));

    internal sealed record Counts(int Started, int Aborted);
}
