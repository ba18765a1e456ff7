using System.Runtime.InteropServices;

namespace Platform.AppHost.Model;

/// <summary>A .NET project run from its built assembly with <c>dotnet</c>, probed on <c>/health</c>.</summary>
internal sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name, "project")
{
    public IProjectMetadata Project { get; } = project;

    public string HealthPath { get; set; } = "/health";

    public override string Scheme => "http";

    public override ProcessLaunch CreateLaunch(int port)
    {
        if (!File.Exists(Project.TargetPath))
        {
            throw new InvalidOperationException(
                $"{Project.TargetPath} does not exist: build the solution (dotnet run --project AppHost builds every project).");
        }

        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        };
        return new ProcessLaunch(
            DotnetHost.Path,
            [Project.TargetPath],
            System.IO.Path.GetDirectoryName(Project.ProjectPath)!,
            environment,
            LinkLifetimeThroughStdin: true);
    }

    public override HealthProbe CreateProbe(int port) => new HttpHealthProbe(new Uri($"http://127.0.0.1:{port}{HealthPath}"));

    /// <summary>The <c>dotnet</c> muxer that runs this process, found from the runtime directory.</summary>
    private static class DotnetHost
    {
        public static readonly string Path = Find();

        private static string Find()
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
            var runtime = RuntimeEnvironment.GetRuntimeDirectory();
            var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtime, "..", "..", ".."));
            var muxer = System.IO.Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(muxer) ? muxer : "dotnet";
        }
    }
}
