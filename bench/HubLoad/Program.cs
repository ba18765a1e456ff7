using Platform.HubLoad;

// bench/hub-bench.sh runs one command per phase; see each scenario for its options.
var options = LoadOptions.Parse(args);
using var timeout = new CancellationTokenSource(options.Seconds("timeout", 240));
Func<LoadOptions, CancellationToken, Task> scenario = options.Command switch
{
    "rooms" => RoomsScenario.RunAsync,
    "push" => PushScenario.RunAsync,
    "handshake" => HandshakeScenario.RunAsync,
    _ => throw new ArgumentException($"unknown command '{options.Command}': rooms, push or handshake"),
};
await scenario(options, timeout.Token);
