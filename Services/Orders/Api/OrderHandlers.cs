using System.Globalization;
using Microsoft.Extensions.Primitives;
using Platform.Orders.Storage;

namespace Platform.Orders.Api;

/// <summary>
/// The order API under <c>/orders</c>: list, create, read and cancel. Input problems answer 400 with
/// <c>{"message"}</c>, and <c>"errors"</c> naming each body input at fault. An id that is not one this service
/// issues (32 lowercase hex digits) names no order: 404, as an unknown id, without asking the store.
/// </summary>
internal sealed partial class OrderHandlers(IOrderStore store, TimeProvider timeProvider, OrdersMetrics metrics, ILogger<OrderHandlers> logger)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var query = request.Query;
        if (!TryReadLimit(query["limit"], out var limit))
        {
            return OrderResults.Error(StatusCodes.Status400BadRequest, $"limit must be an integer between 1 and {MaxLimit}.");
        }

        if (!TryReadCustomerId(query["customerId"], out var customerId, out var problem))
        {
            return OrderResults.Error(StatusCodes.Status400BadRequest, problem);
        }

        // An empty nextToken is no token: the first page.
        var nextToken = query["nextToken"];
        var page = nextToken.Count <= 1
            ? await store.ListAsync(customerId, limit, string.IsNullOrEmpty(nextToken) ? null : nextToken.ToString(), cancellationToken)
                .ConfigureAwait(false)
            : null;
        if (page is null)
        {
            return OrderResults.Error(StatusCodes.Status400BadRequest,
                "nextToken is not valid: pass the nextToken of the previous page of the same listing (same customerId).");
        }

        return OrderResults.Json(new OrderListBody(page.Orders, page.NextCursor), OrdersJsonContext.Wire.OrderListBody);
    }

    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var (document, rejection) = await JsonRequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return rejection!;
        }

        NewOrderInput input;
        using (document)
        {
            if (!NewOrderInput.TryRead(document.RootElement, out input, out var errors))
            {
                return OrderResults.Error(StatusCodes.Status400BadRequest, "The order is not valid.", errors);
            }
        }

        // Millisecond precision: what the JSON shows and what orders the index.
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var order = new Order(
            OrderIds.New(createdAt), input.CustomerId, input.Items, Order.TotalOf(input.Items), input.Currency, OrderStatus.Created, createdAt);
        await store.CreateAsync(order, cancellationToken).ConfigureAwait(false);

        metrics.OrderCreated();
        Log.OrderCreated(logger, order.Id, order.Items.Count, order.Total, order.Currency);
        return OrderResults.Created(order);
    }

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!OrderIds.IsWellFormed(id))
        {
            return OrderResults.NotFound();
        }

        var order = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return order is null ? OrderResults.NotFound() : OrderResults.Json(order, OrdersJsonContext.Wire.Order);
    }

    /// <summary>Cancels, keeping the order; idempotent, as DELETE is: cancelling a cancelled order is 204 too.</summary>
    public async Task<IResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        if (!OrderIds.IsWellFormed(id))
        {
            return OrderResults.NotFound();
        }

        var result = await store.CancelAsync(id, cancellationToken).ConfigureAwait(false);
        if (result == CancelOrderResult.NotFound)
        {
            return OrderResults.NotFound();
        }

        if (result == CancelOrderResult.Cancelled)
        {
            Log.OrderCancelled(logger, id);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Absent means the default; otherwise one value of plain digits within 1..<see cref="MaxLimit"/> (no sign, spaces or decimals).</summary>
    private static bool TryReadLimit(StringValues values, out int limit)
    {
        limit = DefaultLimit;
        return values.Count == 0
            || (values.Count == 1
                && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                && limit is >= 1 and <= MaxLimit);
    }

    /// <summary>Absent means every customer; otherwise one value, under the rule of <c>customerId</c> in an order.</summary>
    private static bool TryReadCustomerId(StringValues values, out string? customerId, out string problem)
    {
        customerId = null;
        problem = string.Empty;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1)
        {
            problem = "customerId must be given at most once.";
            return false;
        }

        var value = (values[0] ?? string.Empty).Trim();
        problem = TextRules.Check("customerId", value, NewOrderInput.MaxCustomerIdLength) ?? string.Empty;
        customerId = value;
        return problem.Length == 0;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Created order {OrderId}: {ItemCount} items, {Total} {Currency}.")]
        public static partial void OrderCreated(ILogger logger, string orderId, int itemCount, decimal total, string currency);

        [LoggerMessage(2, LogLevel.Information, "Cancelled order {OrderId}.")]
        public static partial void OrderCancelled(ILogger logger, string orderId);
    }
}
