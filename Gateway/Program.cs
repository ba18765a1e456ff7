using Platform.Gateway.Runtime;
using Platform.Definitions;
using Platform.Gateway.Hosting;
using Platform.Gateway.UsagePlans;
using Platform.Gateway.Caching;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();
builder.Services.AddApiDefinitions<GatewayState>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapUsagePlans();
app.MapResponseCache();
app.UseGateway();

app.Run();

/// <summary>The entry point, public so that tests can host the gateway with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
