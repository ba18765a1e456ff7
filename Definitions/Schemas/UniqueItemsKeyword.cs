using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// <c>uniqueItems: true</c> under JSON equality (1 == 1.0, objects in any key order). Small arrays compare every pair;
/// larger ones compare only items whose hashes collide. The violation names the same pair ajv names: when the
/// sibling <c>items</c> declares only scalar types, ajv skips items of other types and names (last duplicate, the one
/// before it); otherwise it names (the one before, last duplicate) — <paramref name="scalarItemTypes"/> selects that.
/// </summary>
internal sealed class UniqueItemsKeyword(InstanceTypes scalarItemTypes) : Keyword
{
    private const int PairwiseLimit = 16;

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var length = instance.GetArrayLength();
        if (length < 2)
        {
            return true;
        }

        var items = ArrayPool<JsonElement>.Shared.Rent(length);
        var indexes = ArrayPool<int>.Shared.Rent(length);
        try
        {
            var count = 0;
            var position = 0;
            foreach (var item in instance.EnumerateArray())
            {
                items[position] = item;
                if (scalarItemTypes == InstanceTypes.None || InstanceTypeNames.Matches(scalarItemTypes, item))
                {
                    indexes[count++] = position;
                }

                position++;
            }

            var (i, j) = FindDuplicate(items, indexes.AsSpan(0, count));
            Array.Clear(items, 0, length);
            if (i < 0)
            {
                return true;
            }

            context.Report(string.Create(CultureInfo.InvariantCulture, $"must NOT have duplicate items (items ## {j} and {i} are identical)"));
            return false;
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(items);
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    private (int I, int J) FindDuplicate(JsonElement[] items, Span<int> indexes)
    {
        var best = (I: -1, J: -1);
        if (indexes.Length <= PairwiseLimit)
        {
            Compare(items, indexes, ref best);
            return best;
        }

        var hashes = ArrayPool<int>.Shared.Rent(indexes.Length);
        try
        {
            for (var k = 0; k < indexes.Length; k++)
            {
                hashes[k] = JsonEquality.Hash(items[indexes[k]]);
            }

            hashes.AsSpan(0, indexes.Length).Sort(indexes);
            for (var start = 0; start < indexes.Length;)
            {
                var end = start + 1;
                while (end < indexes.Length && hashes[end] == hashes[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    Compare(items, indexes[start..end], ref best);
                }

                start = end;
            }

            return best;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
        }
    }

    /// <summary>Tracks the pair ajv reports among equal items of <paramref name="candidates"/> (any order).</summary>
    private void Compare(JsonElement[] items, Span<int> candidates, ref (int I, int J) best)
    {
        for (var x = 0; x < candidates.Length; x++)
        {
            for (var y = x + 1; y < candidates.Length; y++)
            {
                var low = Math.Min(candidates[x], candidates[y]);
                var high = Math.Max(candidates[x], candidates[y]);
                if (!JsonEquality.Equal(items[low], items[high]))
                {
                    continue;
                }

                // ajv's scalar loop walks down from the end remembering items: it stops at the latest item that has an
                // equal one after it. Its general loop stops at the latest item that has an equal one before it.
                var (i, j) = scalarItemTypes != InstanceTypes.None ? (low, high) : (high, low);
                if (i > best.I || (i == best.I && j > best.J))
                {
                    best = (i, j);
                }
            }
        }
    }
}
