using Platform.Authorizer;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAuthorizer();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAuthorizerFunctions();

app.Run();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
