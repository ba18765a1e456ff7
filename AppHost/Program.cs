using Platform.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: Redis started here when installed, --redis to use another, embedded mode otherwise.
var redis = builder.AddRedis("redis");

// Services behind the APIs.
var users = builder.AddProject<Projects.Users>("users")
    .WithReference(redis).WaitFor(redis)
    .WithReplicas(2);

var orders = builder.AddProject<Projects.Orders>("orders")
    .WithReference(redis).WaitFor(redis);

var samples = builder.AddProject<Projects.Samples>("samples");

var connectionHub = builder.AddProject<Projects.ConnectionHub>("connectionhub")
    .WithReference(redis).WaitFor(redis);

// The edge: the single public entry point, serving the API definitions (the sample's unless --apis says otherwise)
// with its own probes under /_gateway, since the sample API owns GET /health.
builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpEndpoint(port: builder.Options.GatewayPort)
    .WithHttpHealthCheck("/_gateway/health")
    .WithEnvironment("Gateway__Definitions__0", builder.Options.ApisPath ?? Path.Combine(Projects.Repository.Root, "AppHost", "apis"))
    .WithReference(redis).WaitFor(redis)
    .WithReference(users).WaitFor(users)
    .WithReference(orders).WaitFor(orders)
    .WithReference(samples).WaitFor(samples)
    .WithReference(connectionHub).WaitFor(connectionHub);

return await builder.Build().RunAsync();
