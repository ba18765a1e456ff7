namespace Platform.Identity.Keys;

/// <summary>
/// The current signing key and the replaced ones still published. Rotation is driven by the clock when the ring
/// is read, not by a timer: a key that has signed for <see cref="IdentityOptions.KeyRotation"/> is replaced on
/// the next read, and a replaced key is dropped once <see cref="IdentityOptions.TokenLifetime"/> has passed since
/// it last signed (every token it signed has then expired).
/// Keys live in memory only: a restarted instance starts a new ring, and tokens signed before the restart no
/// longer verify. That is acceptable for a development issuer; run one instance.
/// </summary>
internal sealed partial class SigningKeyRing(IdentityOptions options, TimeProvider clock, ILogger<SigningKeyRing> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(SigningKey Key, DateTimeOffset RetiredAt)> _retired = [];
    private SigningKey? _current;

    /// <summary>The key that signs at <paramref name="now"/>, rotating first when the current one is due.</summary>
    public SigningKey SigningKeyAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            return Refresh(now);
        }
    }

    /// <summary>The keys to publish at <paramref name="now"/>: the signing key first, then the replaced ones, newest first.</summary>
    public IReadOnlyList<SigningKey> PublishedAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            var current = Refresh(now);
            var published = new List<SigningKey>(_retired.Count + 1) { current };
            for (var i = _retired.Count - 1; i >= 0; i--)
            {
                published.Add(_retired[i].Key);
            }

            return published;
        }
    }

    /// <summary>The keys to publish now, by the injected clock.</summary>
    public IReadOnlyList<SigningKey> Published => PublishedAt(clock.GetUtcNow());

    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Dispose();
            _retired.ForEach(entry => entry.Key.Dispose());
            _retired.Clear();
        }
    }

    /// <summary>Under the lock: rotates when due, drops keys whose tokens have all expired, returns the signing key.</summary>
    private SigningKey Refresh(DateTimeOffset now)
    {
        if (_current is null)
        {
            _current = SigningKey.Create(now);
            Log.KeyCreated(logger, _current.KeyId);
        }
        else if (now - _current.CreatedAt >= options.KeyRotation)
        {
            _retired.Add((_current, now));
            _current = SigningKey.Create(now);
            Log.KeyRotated(logger, _current.KeyId, _retired[^1].Key.KeyId);
        }

        // A token expires at its iat + lifetime, and a retired key signed nothing after RetiredAt.
        for (var i = _retired.Count - 1; i >= 0; i--)
        {
            if (now >= _retired[i].RetiredAt + options.TokenLifetime)
            {
                Log.KeyRemoved(logger, _retired[i].Key.KeyId);
                _retired[i].Key.Dispose();
                _retired.RemoveAt(i);
            }
        }

        return _current;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Signing key {KeyId} created. Keys are in memory: tokens do not survive a restart.")]
        public static partial void KeyCreated(ILogger logger, string keyId);

        [LoggerMessage(2, LogLevel.Information, "Signing key {KeyId} replaces {PreviousKeyId}, which stays published until its tokens expire.")]
        public static partial void KeyRotated(ILogger logger, string keyId, string previousKeyId);

        [LoggerMessage(3, LogLevel.Information, "Signing key {KeyId} removed from the JWKS: every token it signed has expired.")]
        public static partial void KeyRemoved(ILogger logger, string keyId);
    }
}
