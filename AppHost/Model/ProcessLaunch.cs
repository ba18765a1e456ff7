namespace Platform.AppHost.Model;

/// <summary>How to start one instance: program, arguments, working directory and extra environment.</summary>
internal sealed record ProcessLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    bool LinkLifetimeThroughStdin);
