using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Platform.Orders.Storage;

/// <summary>
/// Orders in Redis: a hash per order (<c>orders:{id}</c>, its lines one JSON array), a sorted set of every id
/// scored by creation millisecond (<c>orders:index</c>) and one per customer (<c>orders:customer:{customerId}</c>).
/// Create, list and cancel are Lua scripts, so each is one atomic step on the server. Order ids are 32 hex
/// digits, so no id can name <c>index</c> or a <c>customer:</c> key.
/// </summary>
public sealed class RedisOrderStore : IOrderStore
{
    public const string DefaultKeyPrefix = "orders";

    // The order and both index entries are written in one script: no listing ever shows an id without its hash,
    // and of two creates with one id (a bug, ids are GUIDs) the second changes nothing.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return 0
        end
        redis.call('HSET', KEYS[1], 'id', ARGV[1], 'customerId', ARGV[2], 'items', ARGV[3], 'total', ARGV[4],
          'currency', ARGV[5], 'status', ARGV[6], 'createdAt', ARGV[7])
        redis.call('ZADD', KEYS[2], ARGV[8], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[8], ARGV[1])
        return 1
        """;

    // The cursor's rank and the page are read in one step, so a create in between cannot shift the page.
    private const string ListScript = """
        local start = 0
        if ARGV[1] ~= '' then
          local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
          if not rank then
            return false
          end
          start = rank + 1
        end
        return redis.call('ZREVRANGE', KEYS[1], start, start + tonumber(ARGV[2]) - 1)
        """;

    // Read and write of the status in one step: of two racing cancels exactly one reports Cancelled.
    private const string CancelScript = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then
          return 0
        end
        if status == ARGV[1] then
          return 2
        end
        redis.call('HSET', KEYS[1], 'status', ARGV[1])
        return 1
        """;

    private static readonly RedisValue[] Fields = ["id", "customerId", "items", "total", "currency", "status", "createdAt"];

    private readonly IDatabase _database;
    private readonly string _keyPrefix;
    private readonly RedisKey _indexKey;

    /// <param name="database">The Redis database.</param>
    /// <param name="keyPrefix">Prefix of every key (<c>orders</c>); tests give each store its own.</param>
    public RedisOrderStore(IDatabase database, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);

        _database = database;
        _keyPrefix = keyPrefix;
        _indexKey = keyPrefix + ":index";
    }

    public async Task CreateAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!OrderIds.IsWellFormed(order.Id))
        {
            throw new ArgumentException($"'{order.Id}' is not an order id: ids are 32 lowercase hex digits.", nameof(order));
        }

        RedisKey[] keys = [OrderKey(order.Id), _indexKey, CustomerKey(order.CustomerId)];
        RedisValue[] values =
        [
            order.Id,
            order.CustomerId,
            JsonSerializer.Serialize(order.Items, OrderStorageJsonContext.Default.IReadOnlyListOrderItem),
            order.Total.ToString(CultureInfo.InvariantCulture),
            order.Currency,
            OrderStatusNames.Of(order.Status),
            order.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            order.CreatedAt.ToUnixTimeMilliseconds(),
        ];
        var created = await _database.ScriptEvaluateAsync(CreateScript, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        if ((int)created != 1)
        {
            throw new InvalidOperationException($"An order with id '{order.Id}' already exists.");
        }
    }

    public async Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        if (!OrderIds.IsWellFormed(orderId))
        {
            // Not an id this store issues, and perhaps one of its own keys (reading the index as a hash is WRONGTYPE).
            return null;
        }

        var values = await _database.HashGetAsync(OrderKey(orderId), Fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToOrder(values);
    }

    public async Task<OrderPage?> ListAsync(string? customerId, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var afterId = string.Empty;
        if (cursor is not null && !OrderCursor.TryDecode(cursor, out afterId))
        {
            return null;
        }

        // One more than asked tells whether a next page exists.
        var index = customerId is null ? _indexKey : CustomerKey(customerId);
        var page = await _database.ScriptEvaluateAsync(ListScript, [index], [afterId, limit + 1])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (page.IsNull)
        {
            return null;
        }

        var ids = (string[])page!;
        var hasMore = ids.Length > limit;
        var reads = ids.Take(limit).Select(id => _database.HashGetAsync(OrderKey(id), Fields)).ToArray();
        var hashes = await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);

        // Orders are never deleted, so every listed id has its hash; the filter only guards against manual edits.
        var orders = hashes.Select(ToOrder).OfType<Order>().ToList();
        var nextCursor = hasMore ? OrderCursor.Encode(ids[limit - 1]) : null;
        return new OrderPage(orders, nextCursor);
    }

    public async Task<CancelOrderResult> CancelAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        if (!OrderIds.IsWellFormed(orderId))
        {
            return CancelOrderResult.NotFound;
        }

        var result = await _database.ScriptEvaluateAsync(CancelScript, [OrderKey(orderId)], [OrderStatusNames.Cancelled])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return (int)result switch
        {
            1 => CancelOrderResult.Cancelled,
            2 => CancelOrderResult.AlreadyCancelled,
            _ => CancelOrderResult.NotFound,
        };
    }

    private RedisKey OrderKey(string orderId) => _keyPrefix + ":" + orderId;

    private RedisKey CustomerKey(string customerId) => _keyPrefix + ":customer:" + customerId;

    private static Order? ToOrder(RedisValue[] values)
    {
        if (values.Any(value => value.IsNull))
        {
            return null;
        }

        if (!OrderStatusNames.TryParse(values[5], out var status))
        {
            throw new InvalidDataException($"Order {values[0]} has an unknown status '{values[5]}'.");
        }

        var items = JsonSerializer.Deserialize((string)values[2]!, OrderStorageJsonContext.Default.IReadOnlyListOrderItem)
            ?? throw new InvalidDataException($"Order {values[0]} has no lines.");
        return new Order(
            values[0]!,
            values[1]!,
            items,
            decimal.Parse((string)values[3]!, NumberStyles.Number, CultureInfo.InvariantCulture),
            values[4]!,
            status,
            DateTimeOffset.ParseExact((string)values[6]!, "O", CultureInfo.InvariantCulture));
    }
}
