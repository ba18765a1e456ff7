namespace Platform.AppHost.Orchestration;

/// <summary>
/// The AppHost's console: every child's lines prefixed with its instance name (colored on a terminal), and the
/// AppHost's own lines under <c>apphost</c>. One lock keeps lines whole.
/// </summary>
internal sealed class ConsoleOutput(int nameWidth)
{
    private static readonly ConsoleColor[] Palette =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkYellow];

    private readonly Lock _gate = new();
    private readonly bool _color = !Console.IsOutputRedirected;
    private readonly Dictionary<string, ConsoleColor> _colors = new(StringComparer.Ordinal);

    public void Child(string name, string line) => Write(name, line, isError: false);

    public void ChildError(string name, string line) => Write(name, line, isError: true);

    public void System(string line) => Write("apphost", line, isError: false);

    public void Raw(string text)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(text);
        }
    }

    private void Write(string name, string line, bool isError)
    {
        var prefix = name.PadRight(nameWidth);
        lock (_gate)
        {
            if (_color)
            {
                if (!_colors.TryGetValue(name, out var color))
                {
                    color = name == "apphost" ? ConsoleColor.White : Palette[_colors.Count % Palette.Length];
                    _colors[name] = color;
                }

                Console.ForegroundColor = color;
                Console.Out.Write(prefix);
                Console.ResetColor();
                Console.Out.Write(" | ");
                if (isError)
                {
                    Console.ForegroundColor = ConsoleColor.Red;
                }

                Console.Out.WriteLine(line);
                Console.ResetColor();
            }
            else
            {
                Console.Out.WriteLine($"{prefix} | {line}");
            }
        }
    }
}
