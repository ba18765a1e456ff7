using Platform.Samples;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSamples();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSampleFunctions();

app.Run();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
