// The npm @microsoft/signalr client that NodeSignalRClient (C#) drives: connects straight over WebSockets
// (skipNegotiation), invokes the hub method Send('{"action":"whoami"}'), and prints one JSON line per event on stdout:
//   {"message":"<text>"}   each invocation of the client method `message` (the whoami reply first, then pushes)
//   {"closed":<error|null>} the hub closed the connection (the process then exits with code 3)
// It exits 0 after <count> messages or when stdin closes, 1 when it cannot connect. Logs go to stderr.
// Usage: node client.mjs <hub url> <count>
import { HttpTransportType, HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

const [url, countArgument] = process.argv.slice(2);
const count = Number.parseInt(countArgument ?? "", 10);
if (!url || !(count > 0)) {
  console.error("usage: node client.mjs <hub url> <message count>");
  process.exit(2);
}

const connection = new HubConnectionBuilder()
  .withUrl(url, { skipNegotiation: true, transport: HttpTransportType.WebSockets })
  .configureLogging({ log: (level, text) => level >= LogLevel.Warning && console.error(text) })
  .build();

let received = 0;
// starting → running once Send was invoked; stopping once the script decided to exit.
let phase = "starting";

function line(value) {
  return new Promise((resolve) => process.stdout.write(JSON.stringify(value) + "\n", resolve));
}

async function finish(code) {
  if (phase === "stopping") {
    return;
  }

  phase = "stopping";
  await connection.stop();
  process.exit(code);
}

connection.on("message", async (text) => {
  received++;
  await line({ message: text });
  if (received >= count) {
    await finish(0);
  }
});

connection.onclose(async (error) => {
  // While starting, start() or invoke() fails instead and the catch below reports it.
  if (phase === "running") {
    phase = "stopping";
    await line({ closed: error ? error.message : null });
    process.exit(3);
  }
});

process.stdin.on("end", () => finish(0));
process.stdin.resume();

try {
  await connection.start();
  await connection.invoke("Send", JSON.stringify({ action: "whoami" }));
  if (phase === "starting") {
    phase = "running";
  }
} catch (error) {
  if (phase === "starting") {
    console.error(`client.mjs: ${error?.message ?? error}`);
    process.exit(1);
  }
}
