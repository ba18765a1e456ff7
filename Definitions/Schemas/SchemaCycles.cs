namespace Platform.Definitions.Schemas;

/// <summary>
/// Finds <c>$ref</c> cycles that never descend into the instance — <c>{"$ref": "#"}</c>, two definitions referring to
/// each other, <c>{"allOf": [{"$ref": "#"}]}</c> — which would recurse forever on any instance that reaches them.
/// A cycle through <c>properties</c> or <c>items</c> (a tree schema) moves one level down the instance each time, so
/// it ends with the instance and is fine.
/// </summary>
internal static class SchemaCycles
{
    public static void Report(IEnumerable<SchemaNode> nodes, List<SchemaError> errors)
    {
        var state = new Dictionary<SchemaNode, bool>(ReferenceEqualityComparer.Instance);
        var trail = new List<string>();
        foreach (var node in nodes)
        {
            Visit(node, state, trail, errors);
        }
    }

    /// <summary>Depth-first; <c>state[node]</c> is false while the node is on the current trail, true once finished.</summary>
    private static void Visit(SchemaNode node, Dictionary<SchemaNode, bool> state, List<string> trail, List<SchemaError> errors)
    {
        if (state.ContainsKey(node))
        {
            return;
        }

        state[node] = false;
        foreach (var (target, path) in node.SameLocation)
        {
            if (state.TryGetValue(target, out var finished))
            {
                if (!finished)
                {
                    var start = trail.FindIndex(step => step.StartsWith(target.Location, StringComparison.Ordinal));
                    var steps = string.Join(" → ", trail.Skip(Math.Max(0, start)).Append(path));
                    errors.Add(new SchemaError(path, $"$ref cycle that never descends into the instance, so validation would never end: {steps}"));
                }

                continue;
            }

            trail.Add(path);
            Visit(target, state, trail, errors);
            trail.RemoveAt(trail.Count - 1);
        }

        state[node] = true;
    }
}
