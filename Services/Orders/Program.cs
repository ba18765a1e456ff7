using Platform.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrders();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOrders();

app.Run();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
