using System.Net;
using Platform.Definitions.Drafts;
using Platform.Definitions.Waf;

namespace Platform.Definitions.Loading;

/// <summary>
/// Reads the WAF part of a definition file — <c>ipSets.{name}</c> and <c>webAcls.{name}</c> — into the model,
/// reporting every error with its key: names, the default action, rules (unique names and priorities, known actions,
/// statements through <see cref="WafStatementReader"/>), the geo source (a header, or a CSV database read now by
/// <see cref="GeoDatabaseReader"/>), and the custom block response. IP set names are resolved later, over every file,
/// by <see cref="Rules.WebAclRule"/>.
/// </summary>
internal static class WebAclReader
{
    public const string Addresses = "addresses";
    public const string Description = "description";
    public const string DefaultAction = "defaultAction";
    public const string Geo = "geo";
    public const string Rules = "rules";
    public const string BlockResponse = "blockResponse";
    public const string Header = "header";
    public const string Database = "database";
    public const string Name = "name";
    public const string Priority = "priority";
    public const string Action = "action";
    public const string Statement = "statement";
    public const string StatusCode = "statusCode";
    public const string Body = "body";
    public const string Headers = "headers";

    public static readonly IReadOnlyList<string> OfIpSet = [Addresses, Description];
    public static readonly IReadOnlyList<string> OfWebAcl = [Description, DefaultAction, Geo, Rules, BlockResponse];
    private static readonly string[] OfGeo = [Header, Database];
    private static readonly string[] OfRule = [Name, Priority, Action, Statement];
    private static readonly string[] OfBlockResponse = [StatusCode, Body, Headers];

    public static IpSetDraft ReadIpSet(string name, JsonObjectReader set, ICollection<DefinitionError> errors)
    {
        var before = errors.Count;
        CheckName(name, "IP set", set.File, set.Key, errors);
        var addresses = set.StringList(Addresses);
        if (addresses is null && !set.Invalid.Contains(Addresses))
        {
            errors.Add(new DefinitionError(set.File, set.Key, "addresses is required: CIDR blocks or addresses, e.g. [\"203.0.113.0/24\", \"2001:db8::/32\"]"));
        }

        var networks = new List<IPNetwork>();
        for (var i = 0; i < (addresses?.Count ?? 0); i++)
        {
            if (ResourcePolicyReader.TryParseNetwork(addresses![i], out var network, out var error))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add(new DefinitionError(set.File, JsonPath.Index(set.KeyOf(Addresses), i), error));
            }
        }

        return new IpSetDraft
        {
            Name = name,
            Definition = errors.Count == before ? new IpSetDefinition { Name = name, Addresses = addresses ?? [], Networks = networks } : null,
            File = set.File,
            Key = set.Key,
            Present = set.Present,
            Invalid = set.Invalid,
        };
    }

    public static WebAclDraft ReadWebAcl(string name, JsonObjectReader acl, ICollection<DefinitionError> errors)
    {
        var before = errors.Count;
        CheckName(name, "web ACL", acl.File, acl.Key, errors);
        var defaultAction = acl.String(DefaultAction);
        if (defaultAction is null && !acl.Invalid.Contains(DefaultAction))
        {
            errors.Add(new DefinitionError(acl.File, acl.Key, "defaultAction is required: ALLOW or BLOCK, what happens when no rule decides"));
        }
        else if (defaultAction is not null && defaultAction is not ("ALLOW" or "BLOCK"))
        {
            errors.Add(new DefinitionError(acl.File, acl.KeyOf(DefaultAction), $"defaultAction must be ALLOW or BLOCK, not '{defaultAction}'"));
        }

        var geo = acl.Object(Geo, OfGeo) is { } geoReader ? ReadGeo(geoReader, errors) : null;
        var context = new WafStatementContext();
        var rules = ReadRules(acl, context, errors);
        if (geo is null && !acl.Present.Contains(Geo))
        {
            foreach (var key in context.GeoMatchKeys)
            {
                errors.Add(new DefinitionError(acl.File, key,
                    "geoMatch needs the web ACL's geo source: \"geo\": {\"header\": \"CloudFront-Viewer-Country\"} or {\"database\": \"countries.csv\"}"));
            }
        }

        var blockResponse = acl.Object(BlockResponse, OfBlockResponse) is { } response ? ReadBlockResponse(response, errors) : null;
        return new WebAclDraft
        {
            Name = name,
            Definition = errors.Count == before
                ? new WebAclDefinition
                {
                    Name = name,
                    Description = acl.String(Description),
                    DefaultAction = defaultAction == "BLOCK" ? WafAction.Block : WafAction.Allow,
                    Geo = geo,
                    Rules = [.. rules.OrderBy(static r => r.Priority)],
                    BlockResponse = blockResponse,
                }
                : null,
            IpSetReferences = context.IpSetReferences,
            File = acl.File,
            Key = acl.Key,
            Present = acl.Present,
            Invalid = acl.Invalid,
        };
    }

    private static List<WafRuleDefinition> ReadRules(JsonObjectReader acl, WafStatementContext context, ICollection<DefinitionError> errors)
    {
        var rules = new List<WafRuleDefinition>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var priorities = new Dictionary<int, string>();
        foreach (var rule in acl.Array(Rules, OfRule))
        {
            var name = rule.String(Name);
            if (name is null && !rule.Invalid.Contains(Name))
            {
                errors.Add(new DefinitionError(rule.File, rule.Key, "name is required"));
            }
            else if (name is not null && !IsName(name))
            {
                errors.Add(new DefinitionError(rule.File, rule.KeyOf(Name), $"rule name '{name}' must be 1 to 128 letters, digits, '-' or '_'"));
            }
            else if (name is not null && !names.TryAdd(name, rule.Key))
            {
                errors.Add(new DefinitionError(rule.File, rule.KeyOf(Name), $"rule name '{name}' is already used by {names[name]}"));
            }

            var priority = rule.Integer(Priority);
            if (priority is null && !rule.Invalid.Contains(Priority))
            {
                errors.Add(new DefinitionError(rule.File, rule.Key, "priority is required: rules are evaluated lowest priority first"));
            }
            else if (priority < 0)
            {
                errors.Add(new DefinitionError(rule.File, rule.KeyOf(Priority), $"priority must be 0 or more, not {priority}"));
            }
            else if (priority is { } value && !priorities.TryAdd(value, rule.Key))
            {
                errors.Add(new DefinitionError(rule.File, rule.KeyOf(Priority), $"priority {value} is already used by {priorities[value]}: each rule needs its own"));
            }

            var actionName = rule.String(Action);
            if (actionName is null && !rule.Invalid.Contains(Action))
            {
                errors.Add(new DefinitionError(rule.File, rule.Key, "action is required: ALLOW, BLOCK or COUNT"));
            }
            else if (actionName is not null && !WafNames.Actions.ContainsKey(actionName))
            {
                errors.Add(new DefinitionError(rule.File, rule.KeyOf(Action), $"unknown action '{actionName}'; expected one of: ALLOW, BLOCK, COUNT (names are case-sensitive)"));
            }

            WafStatement? statement = null;
            if (rule.Raw(Statement) is { } element)
            {
                statement = WafStatementReader.Read(element, rule.File, rule.KeyOf(Statement), context, errors, topLevel: true);
            }
            else
            {
                errors.Add(new DefinitionError(rule.File, rule.Key, "statement is required: what the rule tests, e.g. {\"sqliMatch\": {\"fieldsToMatch\": [\"QUERY_STRING\"]}}"));
            }

            if (name is not null && priority is >= 0 && WafNames.TryParse(WafNames.Actions, actionName, out var action) && statement is not null)
            {
                rules.Add(new WafRuleDefinition { Name = name, Priority = priority.Value, Action = action, Statement = statement });
            }
        }

        return rules;
    }

    private static GeoSource? ReadGeo(JsonObjectReader geo, ICollection<DefinitionError> errors)
    {
        var header = geo.String(Header);
        var database = geo.String(Database);
        if (geo.Present.Count != 1)
        {
            if (geo.Invalid.Count == 0)
            {
                errors.Add(new DefinitionError(geo.File, geo.Key, "geo has exactly one of: header (a country header set in front of the gateway) or database (a CSV file of startIp,endIp,CC)"));
            }

            return null;
        }

        if (header is not null)
        {
            if (header.Length == 0 || !header.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add(new DefinitionError(geo.File, geo.KeyOf(Header), $"'{header}' is not a header name"));
                return null;
            }

            return new GeoSource { Header = header };
        }

        if (database is null)
        {
            return null;
        }

        if (database.Length == 0)
        {
            errors.Add(new DefinitionError(geo.File, geo.KeyOf(Database), "database must be a file path (relative to this definition file's folder)"));
            return null;
        }

        return GeoDatabaseReader.Read(geo.File, geo.KeyOf(Database), database, errors) is { } table ? new GeoSource { Database = table } : null;
    }

    private static WafBlockResponse? ReadBlockResponse(JsonObjectReader response, ICollection<DefinitionError> errors)
    {
        var status = response.Integer(StatusCode);
        if (status is < 200 or > 599)
        {
            errors.Add(new DefinitionError(response.File, response.KeyOf(StatusCode), $"statusCode must be from 200 to 599, not {status}"));
        }

        return new WafBlockResponse
        {
            StatusCode = status ?? 403,
            Body = response.String(Body) ?? "",
            Headers = response.StringMap(Headers, StringComparer.OrdinalIgnoreCase),
        };
    }

    private static void CheckName(string name, string what, string file, string key, ICollection<DefinitionError> errors)
    {
        if (!IsName(name))
        {
            errors.Add(new DefinitionError(file, key, $"{what} name '{name}' must be 1 to 128 letters, digits, '-' or '_'"));
        }
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 128 && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
