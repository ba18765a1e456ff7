namespace Platform.Definitions.Loading;

/// <summary>
/// Watches the configured definition paths. It watches each file's containing directory, not the file: an
/// editor that saves by writing a temporary file and renaming it over the original replaces the inode a
/// file watch would hold, and a directory watch also sees new <c>*.json</c> files in a watched directory.
/// </summary>
internal sealed class DefinitionWatcher : IDisposable
{
    // Kubernetes mounts a ConfigMap as symlinks into a "..data" directory it swaps atomically: the only
    // events on an update are for "..data" and "..data_tmp", never for the .json names.
    private const string AtomicWriterPrefix = "..";

    private readonly List<FileSystemWatcher> _watchers = [];

    /// <param name="changed">Called with the full path of each relevant change.</param>
    /// <param name="failed">Called when a watcher loses events (buffer overflow) or breaks.</param>
    /// <param name="unavailable">Called with each directory that cannot be watched, and why; its files still load.</param>
    public DefinitionWatcher(IReadOnlyList<string> paths, Action<string> changed, Action<string, Exception> failed, Action<string, string> unavailable)
    {
        var targets = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var isDirectory = Directory.Exists(path);
            var directory = isDirectory ? path : Path.GetDirectoryName(path) ?? path;
            if (!targets.TryGetValue(directory, out var target))
            {
                targets[directory] = target = new Target();
            }

            if (isDirectory)
            {
                target.WholeDirectory = true;
            }
            else
            {
                target.Files.Add(Path.GetFileName(path));
            }
        }

        foreach (var (directory, target) in targets)
        {
            if (!Directory.Exists(directory))
            {
                unavailable(directory, "the directory does not exist");
                continue;
            }

            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, e) => Notify(target, e.Name, e.FullPath, changed);
            watcher.Created += (_, e) => Notify(target, e.Name, e.FullPath, changed);
            watcher.Deleted += (_, e) => Notify(target, e.Name, e.FullPath, changed);
            watcher.Renamed += (_, e) =>
            {
                Notify(target, e.Name, e.FullPath, changed);
                Notify(target, e.OldName, e.OldFullPath, changed);
            };
            watcher.Error += (_, e) => failed(directory, e.GetException());
            if (TryStart(watcher, out var reason))
            {
                _watchers.Add(watcher);
            }
            else
            {
                watcher.Dispose();
                unavailable(directory, reason);
            }
        }
    }

    // Linux limits inotify instances per user (fs.inotify.max_user_instances, often 128): running out must
    // cost hot reload, not startup.
    private static bool TryStart(FileSystemWatcher watcher, out string reason)
    {
        try
        {
            watcher.EnableRaisingEvents = true;
            reason = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = e.Message;
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private static void Notify(Target target, string? name, string fullPath, Action<string> changed)
    {
        if (name is null)
        {
            return;
        }

        if (target.Files.Contains(name)
            || name.StartsWith(AtomicWriterPrefix, StringComparison.Ordinal)
            || (target.WholeDirectory && DefinitionFiles.IsDefinitionFileName(name)))
        {
            changed(fullPath);
        }
    }

    private sealed class Target
    {
        public bool WholeDirectory { get; set; }

        public HashSet<string> Files { get; } = new(StringComparer.Ordinal);
    }
}
