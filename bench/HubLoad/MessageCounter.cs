using System.Diagnostics;

namespace Platform.HubLoad;

/// <summary>
/// Counts the messages every socket receives, per round, and notes when a round's expected count is reached (the
/// "last receive" of a broadcast).
/// </summary>
internal sealed class MessageCounter(int rounds)
{
    private readonly long[] _counts = new long[rounds + 1];
    private long _other;
    private int _watchedRound = -1;
    private long _watchedCount;
    private long _reachedAt;
    private TaskCompletionSource? _reached;

    public long CountOf(int round) => Interlocked.Read(ref _counts[round]);

    /// <summary>Messages that were not ours (an error frame, a malformed payload).</summary>
    public long Other => Interlocked.Read(ref _other);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the watched round reached its count.</summary>
    public long ReachedAt => Volatile.Read(ref _reachedAt);

    /// <summary>Completes when <paramref name="round"/> has <paramref name="count"/> messages; call before causing them.</summary>
    public Task WatchAsync(int round, long count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reached = reached;
        Volatile.Write(ref _watchedCount, count);
        Volatile.Write(ref _watchedRound, round);
        if (CountOf(round) >= count)
        {
            Volatile.Write(ref _reachedAt, Stopwatch.GetTimestamp());
            reached.TrySetResult();
        }

        return reached.Task;
    }

    public void Record(ReadOnlySpan<byte> message)
    {
        var round = Payload.RoundOf(message);
        if ((uint)round >= (uint)_counts.Length)
        {
            Interlocked.Increment(ref _other);
            return;
        }

        var count = Interlocked.Increment(ref _counts[round]);
        if (round == Volatile.Read(ref _watchedRound) && count == Volatile.Read(ref _watchedCount))
        {
            Volatile.Write(ref _reachedAt, Stopwatch.GetTimestamp());
            _reached?.TrySetResult();
        }
    }
}
