namespace Platform.Samples.Tests.Functions;

/// <summary>Events as the gateway sends them to a function, one per payload version.</summary>
internal static class SampleEvents
{
    /// <summary>Payload 1.0 (REST API style): multi-value maps, <c>identity</c>, nulls where AWS writes them.</summary>
    public const string PayloadV1 = """
        {
          "version": "1.0", "resource": "/echo", "path": "/echo", "httpMethod": "POST",
          "headers": {"content-type": "application/json", "x-forwarded-for": "192.0.2.1"},
          "multiValueHeaders": {"content-type": ["application/json"], "x-forwarded-for": ["192.0.2.1"]},
          "queryStringParameters": {"a": "2"}, "multiValueQueryStringParameters": {"a": ["1", "2"]},
          "pathParameters": null, "stageVariables": null,
          "requestContext": {
            "accountId": "000000000000", "apiId": "samples", "domainName": "127.0.0.1", "domainPrefix": "127",
            "extendedRequestId": "ext-1", "httpMethod": "POST",
            "identity": {"sourceIp": "192.0.2.1", "userAgent": "curl/8.5.0", "accessKey": null, "apiKey": null, "caller": null},
            "path": "/echo", "protocol": "HTTP/1.1", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "requestTime": "04/Mar/2020:19:15:17 +0000", "requestTimeEpoch": 1583349317135,
            "resourceId": null, "resourcePath": "/echo", "stage": "$default"
          },
          "body": "{\"message\":\"héllo \\\"world\\\"\"}", "isBase64Encoded": false
        }
        """;

    /// <summary>Payload 2.0 (HTTP API): cookies, comma-joined headers, a JWT authorizer and a base64 body.</summary>
    public const string PayloadV2 = """
        {
          "version": "2.0", "routeKey": "ANY /echo/{proxy+}", "rawPath": "/echo/a/b", "rawQueryString": "a=1&a=2&b=%C3%A9",
          "cookies": ["c1=v1", "c2=v2"],
          "headers": {"accept": "*/*", "header2": "value1,value2", "content-type": "application/octet-stream"},
          "queryStringParameters": {"a": "1,2", "b": "é"}, "pathParameters": {"proxy": "a/b"},
          "requestContext": {
            "accountId": "000000000000", "apiId": "samples", "domainName": "127.0.0.1", "domainPrefix": "127",
            "http": {"method": "PUT", "path": "/echo/a/b", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "agent"},
            "requestId": "J7jk9g-7oAMEJGw=", "routeKey": "ANY /echo/{proxy+}", "stage": "$default",
            "time": "25/Mar/2020:05:03:27 +0000", "timeEpoch": 1585112607686,
            "authorizer": {"jwt": {"claims": {"sub": "user-1", "iat": 1585112000}, "scopes": ["read", "write"]}}
          },
          "body": "AAEC/w==", "isBase64Encoded": true
        }
        """;
}
