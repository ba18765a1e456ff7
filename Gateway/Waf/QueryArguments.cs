namespace Platform.Gateway.Waf;

/// <summary>The <c>name=value</c> arguments of a raw query string, still encoded, without allocating: <c>foreach (var (name, value) in new QueryArguments(query))</c>.</summary>
internal ref struct QueryArguments(ReadOnlySpan<char> query)
{
    private ReadOnlySpan<char> _rest = query;

    public Argument Current { get; private set; }

    public readonly QueryArguments GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var end = _rest.IndexOf('&');
            var argument = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? [] : _rest[(end + 1)..];
            if (argument.IsEmpty)
            {
                continue;
            }

            var equals = argument.IndexOf('=');
            Current = equals < 0 ? new Argument(argument, []) : new Argument(argument[..equals], argument[(equals + 1)..]);
            return true;
        }

        return false;
    }

    /// <summary>One argument: its name and value, as sent.</summary>
    public readonly ref struct Argument(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        public ReadOnlySpan<char> Name { get; } = name;

        public ReadOnlySpan<char> Value { get; } = value;

        public void Deconstruct(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
        {
            name = Name;
            value = Value;
        }
    }
}
