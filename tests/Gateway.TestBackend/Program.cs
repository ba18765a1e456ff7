using Platform.Gateway.TestBackend;

// Start with --urls http://127.0.0.1:<port>. The ready line is printed once Kestrel listens, and tests wait for it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = null);
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddAuthorizerFunctions();

var app = builder.Build();

app.UseHubStandIn();
app.MapStreamingEndpoints();
app.MapEchoEndpoints();
app.MapFailureEndpoints();
app.MapCountedEndpoints();
app.MapAuthorizerFunctions();

await app.StartAsync();
Console.WriteLine(ReadyLine.Prefix + string.Join(' ', app.Urls));
await app.WaitForShutdownAsync();
