using Platform.ConnectionHub.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddConnectionHub();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapConnectionHub();

app.Run();

/// <summary>The entry point, public so that tests can host the hub with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
