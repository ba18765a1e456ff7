namespace Platform.AppHost.Model;

/// <summary>A project the AppHost references; implemented by the generated classes of namespace <c>Projects</c>.</summary>
internal interface IProjectMetadata
{
    /// <summary>The .csproj file.</summary>
    string ProjectPath { get; }

    /// <summary>The built assembly that <c>dotnet</c> runs.</summary>
    string TargetPath { get; }
}
