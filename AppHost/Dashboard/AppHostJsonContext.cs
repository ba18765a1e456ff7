using System.Text.Json.Serialization;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Dashboard;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(IReadOnlyList<ResourceSnapshot>))]
[JsonSerializable(typeof(ProcessRecord))]
internal sealed partial class AppHostJsonContext : JsonSerializerContext;
