using Platform.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: Redis started here when installed, --redis to use another, embedded mode otherwise.
var redis = builder.AddRedis("redis");

// Services behind the APIs.
var users = builder.AddProject<Projects.Users>("users")
    .WithReference(redis).WaitFor(redis)
    .WithReplicas(2);

var connectionHub = builder.AddProject<Projects.ConnectionHub>("connectionhub")
    .WithReference(redis).WaitFor(redis);

// The edge: the single public entry point.
builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpEndpoint(port: builder.Options.GatewayPort)
    .WithReference(redis).WaitFor(redis)
    .WithReference(users).WaitFor(users)
    .WithReference(connectionHub).WaitFor(connectionHub);

return await builder.Build().RunAsync();
