using Platform.AppHost.Hosting;
using Platform.AppHost.Model;

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

// Access control for the sample: a development OpenID Connect issuer (tokens at POST /connect/token, also through
// the gateway) and the sample REQUEST authorizer that accepts its tokens. Development clients only.
var identity = builder.AddProject<Projects.Identity>("identity")
    .WithEnvironment("Identity__Issuer", "http://identity")
    .WithEnvironment(
    [
        ("Identity__Clients__0__ClientId", "platform-dev"),
        ("Identity__Clients__0__ClientSecret", "platform-dev-secret"),
        ("Identity__Clients__0__Scopes__0", "orders:read"),
        ("Identity__Clients__0__Scopes__1", "orders:write"),
        ("Identity__Clients__0__Scopes__2", "profile"),
        ("Identity__Clients__1__ClientId", "alice"),
        ("Identity__Clients__1__ClientSecret", "alice-secret"),
        ("Identity__Clients__1__Scopes__0", "orders:read"),
        ("Identity__Clients__1__Scopes__1", "profile"),
        ("Identity__Clients__2__ClientId", "bob"),
        ("Identity__Clients__2__ClientSecret", "bob-secret"),
        ("Identity__Clients__2__Scopes__0", "profile"),
    ]);

var authorizer = builder.AddProject<Projects.Authorizer>("authorizer")
    .WithReference(identity).WaitFor(identity);

// The development credentials that sign and verify @connections calls, AWS_IAM routes and the usage report
// (AWS SigV4), documented in the README.
(string Key, string Value)[] devCredentials =
[
    ("Platform__Credentials__0__AccessKeyId", "AKIAPLATFORMDEVKEY01"),
    ("Platform__Credentials__0__SecretAccessKey", "platformDevSecretKey0123456789"),
];

var apis = builder.Options.ApisPath ?? Path.Combine(Projects.Repository.Root, "AppHost", "apis");

// WebSocket APIs: two hub replicas sharing the connection registry when Redis is there, one in embedded mode.
var connectionHub = builder.AddProject<Projects.ConnectionHub>("connectionhub")
    .WithEnvironment("Gateway__Definitions__0", apis)
    .WithEnvironment(devCredentials)
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/_hub/health")
    .WithReplicas(builder.RedisMode == RedisMode.Embedded ? 1 : 2);

// Chat pushes through the public endpoint, as a Lambda calls its API's execute-api URL.
var chat = builder.AddProject<Projects.Chat>("chat")
    .WithEnvironment(devCredentials)
    .WithEnvironment("Chat__ConnectionsEndpoint", $"http://127.0.0.1:{builder.Options.GatewayPort}/chat")
    .WithReference(redis).WaitFor(redis);

connectionHub.WithReference(chat).WaitFor(chat);

// The edge: the single public entry point, serving the API definitions (the sample's unless --apis says otherwise)
// with its own probes under /_gateway, since the sample API owns GET /health.
builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpEndpoint(port: builder.Options.GatewayPort)
    .WithHttpHealthCheck("/_gateway/health")
    .WithEnvironment("Gateway__Definitions__0", apis)
    .WithEnvironment(devCredentials)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identity).WaitFor(identity)
    .WithReference(authorizer).WaitFor(authorizer)
    .WithReference(users).WaitFor(users)
    .WithReference(orders).WaitFor(orders)
    .WithReference(samples).WaitFor(samples)
    .WithReference(connectionHub).WaitFor(connectionHub);

return await builder.Build().RunAsync();
