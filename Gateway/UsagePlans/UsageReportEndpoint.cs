using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Gateway.Runtime;
using Platform.ServiceDefaults.Signing;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// <c>GET {probe base}/usageplans/{usagePlanId}/usage?startDate=&amp;endDate=[&amp;keyId=][&amp;limit=][&amp;position=]</c>:
/// AWS's GetUsage, so <c>aws apigateway get-usage --endpoint-url http://gateway/_gateway</c> works. Requests must be
/// SigV4-signed for service <c>apigateway</c> with one of the gateway's <c>Platform:Credentials</c>. The answer is
/// AWS's wire shape — <c>{"usagePlanId","startDate","endDate","position"?,"values":{"keyId":[[used,remaining],...]}}</c>
/// (SDKs and the CLI name <c>values</c> <c>items</c>) — with one pair per day (<see cref="UsageReport"/>), keys of
/// the plan in id order, <c>limit</c> (<see cref="UsageQuery.DefaultLimit"/>, at most <see cref="UsageQuery.MaxLimit"/>) keys per page. Errors are AWS's: <c>{"message"}</c>
/// with <c>x-amzn-ErrorType</c> BadRequestException (400), NotFoundException (404), or the signature's.
/// </summary>
internal sealed partial class UsageReportEndpoint
{
    /// <summary>The service name signatures must be scoped to, as for AWS's API Gateway control plane.</summary>
    public const string SigningService = "apigateway";

    /// <summary>GetUsage has no body; anything larger is not worth buffering to hash.</summary>
    private const long MaxPayloadBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly GatewayState _state;
    private readonly IUsagePlanStore _store;
    private readonly int _retentionDays;
    private readonly SigV4Verifier? _verifier;
    private readonly ILogger _logger;

    public UsageReportEndpoint(
        GatewayState state,
        IUsagePlanStore store,
        IConfiguration configuration,
        IOptions<UsagePlanOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _state = state;
        _store = store;
        _retentionDays = options.Value.UsageRetentionDays;
        _logger = loggerFactory.CreateLogger<UsageReportEndpoint>();
        _verifier = CreateVerifier(configuration, time, loggerFactory);
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var planId = context.GetRouteValue("usagePlanId") as string ?? "";
        if (_verifier is null)
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "ForbiddenException",
                $"The usage report needs signed requests, and this gateway has no {SigV4Options.CredentialsSectionName} to verify them with.").ConfigureAwait(false);
            return;
        }

        var signature = await _verifier.VerifyAsync(context.Request, MaxPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        if (!signature.Succeeded)
        {
            await signature.Error.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var definition = _state.Current.Definition;
        if (!definition.UsagePlans.TryGetValue(planId, out var plan))
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundException", "Invalid Usage Plan ID specified").ConfigureAwait(false);
            return;
        }

        if (!UsageQuery.TryParse(context.Request.Query, _retentionDays, out var request, out var invalid))
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequestException", invalid).ConfigureAwait(false);
            return;
        }

        var keys = ApiKeyIndex.For(definition).KeyIdsOf(plan.Name);
        if (request.KeyId is { } keyId)
        {
            if (!keys.Contains(keyId, StringComparer.Ordinal))
            {
                await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundException", "Invalid API Key identifier specified").ConfigureAwait(false);
                return;
            }

            keys = [keyId];
        }

        var first = request.Position is { } position ? FirstAtOrAfter(keys, position) : 0;
        var page = keys.Skip(first).Take(request.Limit).ToArray();
        var next = first + page.Length < keys.Count ? EncodePosition(keys[first + page.Length]) : null;

        var countsFrom = UsageReport.FirstDayNeeded(request.Start, plan.Quota);
        var counts = await _store.ReadUsageAsync(plan.Name, page, countsFrom, request.End.DayNumber - countsFrom.DayNumber + 1, context.RequestAborted)
            .ConfigureAwait(false);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("usagePlanId", plan.Name);
            writer.WriteString("startDate", Format(request.Start));
            writer.WriteString("endDate", Format(request.End));
            if (next is not null)
            {
                writer.WriteString("position", next);
            }

            writer.WriteStartObject("values");
            for (var k = 0; k < page.Length; k++)
            {
                writer.WriteStartArray(page[k]);
                foreach (var day in UsageReport.Days(counts[k], countsFrom, request.Start, request.End, plan.Quota))
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(day[0]);
                    writer.WriteNumberValue(day[1]);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        Log.Served(_logger, plan.Name, signature.AccessKeyId, Format(request.Start), Format(request.End), page.Length);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    internal static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Positions are the next page's first key id, base64url-encoded so they read as opaque tokens.</summary>
    internal static string EncodePosition(string keyId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(keyId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static string? DecodePosition(string position)
    {
        var base64 = position.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    private static int FirstAtOrAfter(IReadOnlyList<string> keys, string keyId)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.CompareOrdinal(keys[i], keyId) >= 0)
            {
                return i;
            }
        }

        return keys.Count;
    }

    /// <summary>A verifier of the gateway's credentials scoped to <see cref="SigningService"/>; null when none are configured.</summary>
    internal static SigV4Verifier? CreateVerifier(IConfiguration configuration, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var options = new SigV4Options();
        configuration.GetSection(SigV4Options.SectionName).Bind(options);
        options.Service = SigningService;
        foreach (var entry in configuration.GetSection(SigV4Options.CredentialsSectionName).GetChildren())
        {
            options.Credentials.Add(new SigV4Credentials(entry["AccessKeyId"] ?? "", entry["SecretAccessKey"] ?? ""));
        }

        return options.Credentials.Count == 0
            ? null
            : new SigV4Verifier(Options.Create(options), time, loggerFactory.CreateLogger<SigV4Verifier>());
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Usage report of plan '{Plan}' for {AccessKeyId}: {Start} to {End}, {Keys} keys.")]
        public static partial void Served(ILogger logger, string plan, string accessKeyId, string start, string end, int keys);
    }
}
