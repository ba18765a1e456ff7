using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// Tokens whose signature, issuer and audience were checked, per <see cref="JwtValidationParameters"/> instance and
/// keyed by the SHA-256 of the token text (so a large token is not held twice, and no two tokens share an entry).
/// An entry lives until its token's <c>exp</c> (plus skew) or the key cache duration, whichever comes first; the
/// caller still checks the times on every use. Bounded: when full, expired entries go, and if that frees too
/// little the cache starts afresh (cheap to refill: one signature check per token).
/// </summary>
internal sealed class ValidatedTokenCache(int capacity)
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private int _count;

    public bool TryGet(JwtValidationParameters parameters, in TokenHash hash, DateTimeOffset now, out ValidatedJwt token)
    {
        token = null!;
        var key = new Key(parameters, hash);
        if (capacity == 0 || !_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (now >= entry.Until)
        {
            Remove(key);
            return false;
        }

        token = entry.Token;
        return true;
    }

    public void Add(JwtValidationParameters parameters, in TokenHash hash, ValidatedJwt token, DateTimeOffset until, DateTimeOffset now)
    {
        if (capacity == 0 || until <= now)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            Prune(now);
        }

        if (_entries.TryAdd(new Key(parameters, hash), new Entry(token, until)))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public int Count => Volatile.Read(ref _count);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now >= entry.Until)
            {
                Remove(key);
            }
        }

        if (Volatile.Read(ref _count) >= capacity * 3 / 4)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    private void Remove(Key key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private readonly record struct Key(JwtValidationParameters Parameters, TokenHash Hash);

    private sealed record Entry(ValidatedJwt Token, DateTimeOffset Until);
}

/// <summary>The SHA-256 of a token's text, as four words: compared and hashed without allocating.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
{
    public static TokenHash Of(string token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        // The UTF-16 bytes of the text: no transcoding buffer, and equal texts give equal hashes.
        SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), digest);
        return MemoryMarshal.Read<TokenHash>(digest);
    }
}
