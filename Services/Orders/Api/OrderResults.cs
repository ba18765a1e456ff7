using System.Text.Json.Serialization.Metadata;
using Platform.Orders.Storage;

namespace Platform.Orders.Api;

/// <summary>The API's answers: JSON bodies as <c>application/json; charset=utf-8</c>, errors as <see cref="ErrorBody"/>.</summary>
internal static class OrderResults
{
    public const string OrderNotFound = "Order not found";

    public static IResult Json<T>(T body, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Json(body, typeInfo, statusCode: statusCode);

    public static IResult Created(Order order) =>
        new LocatedResult("/orders/" + order.Id, Json(order, OrdersJsonContext.Wire.Order, StatusCodes.Status201Created));

    public static IResult Error(int statusCode, string message, IReadOnlyList<FieldError>? errors = null) =>
        Json(new ErrorBody(message, errors), OrdersJsonContext.Wire.ErrorBody, statusCode);

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, OrderNotFound);

    /// <summary>Another result, with a <c>Location</c> header.</summary>
    private sealed class LocatedResult(string location, IResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return result.ExecuteAsync(httpContext);
        }
    }
}
