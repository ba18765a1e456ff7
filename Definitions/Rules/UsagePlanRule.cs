using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// Usage plans (AWS-REFERENCE §4): declared once; each API stage names a declared API and one of its stages, at
/// most once per plan, and route throttles name routes of that API; throttles have a rate ≥ 0 and a burst ≥ 0;
/// quotas a limit ≥ 1, a period of DAY, WEEK or MONTH and an offset inside the period (AWS's).
/// </summary>
internal sealed class UsagePlanRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        var seen = new Dictionary<string, UsagePlanDraft>(StringComparer.Ordinal);
        foreach (var plan in definition.UsagePlans)
        {
            if (!seen.TryAdd(plan.Name, plan))
            {
                errors.Add(plan.Error($"usage plan '{plan.Name}' is already declared in {seen[plan.Name].File}"));
                continue;
            }

            if (!DefinitionPatterns.Name().IsMatch(plan.Name))
            {
                errors.Add(plan.Error($"usage plan name '{plan.Name}' must be 1 to 128 letters, digits, '-' or '_'"));
            }

            if (plan.ApiStages.Count == 0 && !plan.Invalid.Contains(P.ApiStages))
            {
                errors.Add(plan.ErrorAt(P.ApiStages, "a usage plan needs at least one API stage: [{\"api\": \"...\", \"stage\": \"...\"}]"));
            }

            var stages = new HashSet<(string, string)>();
            foreach (var apiStage in plan.ApiStages)
            {
                CheckApiStage(definition, apiStage, stages, errors);
            }

            if (plan.Throttle is { } throttle)
            {
                CheckThrottle(throttle, errors);
            }

            if (plan.Quota is { } quota)
            {
                CheckQuota(quota, errors);
            }
        }
    }

    private static void CheckApiStage(DefinitionDraft definition, UsagePlanApiStageDraft apiStage, HashSet<(string, string)> stages, ICollection<DefinitionError> errors)
    {
        if (apiStage.Api is not { } apiName || apiStage.Stage is not { } stageName)
        {
            if (apiStage.Api is null && !apiStage.Invalid.Contains(P.Api))
            {
                errors.Add(apiStage.ErrorAt(P.Api, "api is required: the name of a declared API"));
            }

            if (apiStage.Stage is null && !apiStage.Invalid.Contains(P.Stage))
            {
                errors.Add(apiStage.ErrorAt(P.Stage, "stage is required: one of the API's stages"));
            }

            return;
        }

        if (definition.FindApi(apiName) is not { } api)
        {
            errors.Add(apiStage.ErrorAt(P.Api, $"unknown API '{apiName}'"));
            return;
        }

        if (api.Stages.All(s => s.Name != stageName))
        {
            var declared = api.Stages.Count == 0 ? "none" : string.Join(", ", api.Stages.Select(static s => s.Name));
            errors.Add(apiStage.ErrorAt(P.Stage, $"API '{apiName}' has no stage '{stageName}'; it declares: {declared}"));
        }

        if (!stages.Add((apiName, stageName)))
        {
            errors.Add(apiStage.Error($"the plan already covers {apiName}/{stageName}"));
        }

        foreach (var (routeKey, throttle) in apiStage.Throttle)
        {
            if (api.Routes.All(r => r.RouteKey != routeKey))
            {
                errors.Add(throttle.Error($"API '{apiName}' has no route '{routeKey}' to throttle"));
            }

            CheckThrottle(throttle, errors);
        }
    }

    private static void CheckThrottle(ThrottleDraft throttle, ICollection<DefinitionError> errors)
    {
        if (throttle.RateLimit is not { } rate)
        {
            if (!throttle.Invalid.Contains(P.RateLimit))
            {
                errors.Add(throttle.ErrorAt(P.RateLimit, "rateLimit is required: requests per second (a finite number ≥ 0)"));
            }
        }
        else if (rate < 0)
        {
            errors.Add(throttle.ErrorAt(P.RateLimit, $"rateLimit must be ≥ 0; got {rate}"));
        }

        if (throttle.BurstLimit is not { } burst)
        {
            if (!throttle.Invalid.Contains(P.BurstLimit))
            {
                errors.Add(throttle.ErrorAt(P.BurstLimit, "burstLimit is required: the bucket's capacity (an integer ≥ 0)"));
            }
        }
        else if (burst < 0)
        {
            errors.Add(throttle.ErrorAt(P.BurstLimit, $"burstLimit must be ≥ 0; got {burst}"));
        }
    }

    private static void CheckQuota(QuotaDraft quota, ICollection<DefinitionError> errors)
    {
        if (quota.Limit is not { } limit)
        {
            if (!quota.Invalid.Contains(P.Limit))
            {
                errors.Add(quota.ErrorAt(P.Limit, "limit is required: requests per period (≥ 1)"));
            }
        }
        else if (limit < 1)
        {
            errors.Add(quota.ErrorAt(P.Limit, $"limit must be ≥ 1; got {limit}"));
        }

        int? maxOffset = quota.Period switch
        {
            "DAY" => 0,
            "WEEK" => 6,
            "MONTH" => 27,
            _ => null,
        };
        if (maxOffset is null)
        {
            if (!quota.Invalid.Contains(P.Period))
            {
                errors.Add(quota.ErrorAt(P.Period, quota.Period is null
                    ? "period is required: DAY, WEEK or MONTH"
                    : $"period must be DAY, WEEK or MONTH, not '{quota.Period}'"));
            }
        }
        else if (quota.Offset is { } offset && (offset < 0 || offset > maxOffset))
        {
            errors.Add(quota.ErrorAt(P.Offset, $"offset must be 0 to {maxOffset} for a {quota.Period} quota; got {offset}"));
        }
    }
}
