using Platform.Chat;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChat();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapChatFunctions();

app.Run();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
