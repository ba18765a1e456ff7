using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// The state of one <see cref="JsonSchema.Validate(JsonElement, int)"/> call: where in the instance we are (a stack of
/// properties and indexes, turned into a JSON pointer only when a violation is reported), the violations so far, and
/// whether failures are being recorded. Only the path stack is rented, so a valid instance allocates nothing.
/// </summary>
internal ref struct ValidationContext
{
    public const string TooDeep = "is nested too deeply to validate";

    private readonly int _maxErrors;
    private PathSegment[] _path;
    private int _depth;
    private int _deepest;
    private int _silence;
    private List<SchemaViolation>? _errors;

    public ValidationContext(int maxErrors)
    {
        _maxErrors = maxErrors;
        _path = ArrayPool<PathSegment>.Shared.Rent(32);
    }

    /// <summary>
    /// True once evaluating further keywords cannot change the outcome: while probing a branch (one failure decides
    /// it) or when the error budget is spent. Otherwise every keyword runs, so all violations are reported.
    /// </summary>
    public readonly bool Done => _silence > 0 || (_errors is not null && _errors.Count >= _maxErrors);

    public readonly List<SchemaViolation>? Errors => _errors;

    /// <summary>Starts probing a branch (anyOf, oneOf, not, if, contains): its failures decide, they are not reported.</summary>
    public void Silence() => _silence++;

    public void Unsilence() => _silence--;

    /// <summary>
    /// Steps into a property before validating its value; false (after reporting) when the stack is nearly used
    /// up — an instance nested thousands deep (a parser configured with a large MaxDepth) fails instead of
    /// crashing the process.
    /// </summary>
    public bool Enter(JsonProperty property) => Enter(new PathSegment(property, -1));

    /// <summary>Steps into an array item; see <see cref="Enter(JsonProperty)"/>.</summary>
    public bool Enter(int index) => Enter(new PathSegment(default, index));

    public void Pop() => _depth--;

    /// <summary>Records a violation at the current instance path (unless probing or over budget).</summary>
    public void Report(string message)
    {
        if (Done)
        {
            return;
        }

        _errors ??= [];
        _errors.Add(new SchemaViolation(CurrentPath(), message));
    }

    /// <summary>Returns the rented path stack, cleared so it does not keep the instance's document alive.</summary>
    public void Release()
    {
        Array.Clear(_path, 0, _deepest);
        ArrayPool<PathSegment>.Shared.Return(_path);
        _path = [];
    }

    private bool Enter(PathSegment segment)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Report(TooDeep);
            return false;
        }

        if (_depth == _path.Length)
        {
            var larger = ArrayPool<PathSegment>.Shared.Rent(_path.Length * 2);
            _path.AsSpan(0, _depth).CopyTo(larger);
            Array.Clear(_path, 0, _deepest);
            ArrayPool<PathSegment>.Shared.Return(_path);
            _path = larger;
        }

        _path[_depth++] = segment;
        _deepest = Math.Max(_deepest, _depth);
        return true;
    }

    private readonly string CurrentPath()
    {
        if (_depth == 0)
        {
            return string.Empty;
        }

        var path = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            var segment = _path[i];
            path.Append('/');
            if (segment.Index >= 0)
            {
                path.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                path.Append(segment.Property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
        }

        return path.ToString();
    }

    private readonly record struct PathSegment(JsonProperty Property, int Index);
}
