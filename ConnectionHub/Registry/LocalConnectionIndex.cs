namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The connections of this replica and, for each scoped room, which of them are members. The Redis registry keeps
/// it beside Redis (the local fast path and broadcast delivery read it); the in-memory registry is nothing else.
/// Every method is atomic; callers pass a scope to have it checked in the same step, or null when it was checked
/// elsewhere (Redis).
/// </summary>
internal sealed class LocalConnectionIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _rooms = new(StringComparer.Ordinal);

    /// <summary>A room's name across the registry: <c>{scope}/{room}</c>, so equal names of two stages never meet.</summary>
    public static string ScopedRoom(string scope, string room) => scope + "/" + room;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Adds the connection, or replaces its record (keeping its rooms) when the id is already here.</summary>
    public void Add(ConnectionRecord record)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(record.ConnectionId, out var entry))
            {
                entry.Record = record;
                return;
            }

            _connections.Add(record.ConnectionId, new Entry(record));
        }
    }

    /// <summary>Removes the connection and its memberships; the record only for the one caller that removed it.</summary>
    public ConnectionRecord? Remove(string connectionId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out var entry))
            {
                return null;
            }

            foreach (var room in entry.Rooms)
            {
                RemoveMember(room, connectionId);
            }

            return entry.Record;
        }
    }

    /// <summary>The record, or null when the connection is not here or belongs to another scope.</summary>
    public ConnectionRecord? Find(string? scope, string connectionId)
    {
        lock (_gate)
        {
            return TryGet(scope, connectionId, out var entry) ? entry.Record : null;
        }
    }

    /// <summary>Sets the connection's last activity (never moving it back); false when it is not here.</summary>
    public bool Touch(string connectionId, DateTimeOffset lastActiveAt)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var entry))
            {
                return false;
            }

            if (lastActiveAt > entry.Record.LastActiveAt)
            {
                entry.Record = entry.Record with { LastActiveAt = lastActiveAt };
            }

            return true;
        }
    }

    /// <summary>Adds the connection to the room; false when it is not here (or of another scope).</summary>
    public bool Join(string? scope, string connectionId, string scopedRoom)
    {
        lock (_gate)
        {
            if (!TryGet(scope, connectionId, out var entry))
            {
                return false;
            }

            if (entry.Rooms.Add(scopedRoom))
            {
                if (!_rooms.TryGetValue(scopedRoom, out var members))
                {
                    members = new HashSet<string>(StringComparer.Ordinal);
                    _rooms.Add(scopedRoom, members);
                }

                members.Add(connectionId);
            }

            return true;
        }
    }

    /// <summary>Removes the connection from the room; false when the connection is not here (or of another scope).</summary>
    public bool Leave(string? scope, string connectionId, string scopedRoom)
    {
        lock (_gate)
        {
            if (!TryGet(scope, connectionId, out var entry))
            {
                return false;
            }

            if (entry.Rooms.Remove(scopedRoom))
            {
                RemoveMember(scopedRoom, connectionId);
            }

            return true;
        }
    }

    /// <summary>A snapshot of the room's local members.</summary>
    public string[] Members(string scopedRoom)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(scopedRoom, out var members) ? [.. members] : [];
        }
    }

    /// <summary>A snapshot of the local connection ids.</summary>
    public string[] Ids()
    {
        lock (_gate)
        {
            return [.. _connections.Keys];
        }
    }

    private bool TryGet(string? scope, string connectionId, out Entry entry)
    {
        if (_connections.TryGetValue(connectionId, out entry!) && (scope is null || entry.Record.Scope == scope))
        {
            return true;
        }

        entry = null!;
        return false;
    }

    private void RemoveMember(string scopedRoom, string connectionId)
    {
        if (_rooms.TryGetValue(scopedRoom, out var members) && members.Remove(connectionId) && members.Count == 0)
        {
            _rooms.Remove(scopedRoom);
        }
    }

    private sealed class Entry(ConnectionRecord record)
    {
        public ConnectionRecord Record { get; set; } = record;

        public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
    }
}
