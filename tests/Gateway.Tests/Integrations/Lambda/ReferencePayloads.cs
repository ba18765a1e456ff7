namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>
/// Payloads in the shapes recorded against real AWS (AWS-REFERENCE §2), copied from
/// tests/Functions.Tests/Events/ReferencePayloads.cs so this project does not depend on another test project.
/// Event tests build the same request and compare, with instance-specific values (account, ids, trace) replaced.
/// </summary>
internal static class ReferencePayloads
{
    /// <summary>§2.1 from a REST API: no <c>version</c>, every identity field present (null when unknown).</summary>
    public const string RestV1 = """
        {
          "resource": "/{proxy+}", "path": "/proxy-value", "httpMethod": "GET",
          "headers": {"Accept": "*/*", "X-Forwarded-For": "1.2.3.4", "X-Forwarded-Port": "443", "X-Forwarded-Proto": "https",
                      "X-Amzn-Trace-Id": "Root=1-5e66d96f-7491f09xmpl79d18acf3d050"},
          "multiValueHeaders": {"Accept": ["*/*"], "X-Forwarded-For": ["1.2.3.4"], "X-Forwarded-Port": ["443"],
                                "X-Forwarded-Proto": ["https"], "X-Amzn-Trace-Id": ["Root=1-5e66d96f-7491f09xmpl79d18acf3d050"]},
          "queryStringParameters": null, "multiValueQueryStringParameters": null,
          "pathParameters": {"proxy": "proxy-value"}, "stageVariables": null,
          "requestContext": {
            "accountId": "123456789012", "apiId": "1234567890", "domainName": "1234567890.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "1234567890", "extendedRequestId": "Xy1AbC=", "httpMethod": "GET",
            "identity": {"cognitoIdentityPoolId": null, "accountId": null, "cognitoIdentityId": null, "caller": null,
                         "sourceIp": "1.2.3.4", "principalOrgId": null, "accessKey": null, "cognitoAuthenticationType": null,
                         "cognitoAuthenticationProvider": null, "userArn": null, "userAgent": "curl/8.5.0", "user": null,
                         "apiKey": null, "apiKeyId": null, "clientCert": null},
            "path": "/stage/proxy-value", "protocol": "HTTP/1.1", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "requestTime": "04/Mar/2020:19:15:17 +0000", "requestTimeEpoch": 1583349317135,
            "resourceId": "abc123", "resourcePath": "/{proxy+}", "stage": "stage"
          },
          "body": null, "isBase64Encoded": false
        }
        """;

    /// <summary>§2.1 from an HTTP API with a JWT authorizer: <c>version</c> 1.0, <c>authorizer{claims, scopes}</c>, a repeated query key.</summary>
    public const string HttpApiV1WithJwt = """
        {
          "version": "1.0", "resource": "/orders", "path": "/orders", "httpMethod": "POST",
          "headers": {"content-type": "application/json"}, "multiValueHeaders": {"content-type": ["application/json"]},
          "queryStringParameters": {"a": "2"}, "multiValueQueryStringParameters": {"a": ["1", "2"]},
          "pathParameters": null, "stageVariables": {"env": "beta"},
          "requestContext": {
            "accountId": "123456789012", "apiId": "api-id",
            "authorizer": {"claims": {"sub": "user-1", "exp": 1700000000, "groups": ["admin", "ops"]}, "scopes": ["orders/write"]},
            "domainName": "id.execute-api.us-east-1.amazonaws.com", "domainPrefix": "id", "extendedRequestId": "request-id",
            "httpMethod": "POST",
            "identity": {"cognitoIdentityPoolId": null, "accountId": null, "cognitoIdentityId": null, "caller": null,
                         "sourceIp": "192.0.2.1", "principalOrgId": null, "accessKey": null, "cognitoAuthenticationType": null,
                         "cognitoAuthenticationProvider": null, "userArn": null, "userAgent": "agent", "user": null,
                         "apiKey": null, "apiKeyId": null, "clientCert": null},
            "path": "/beta/orders", "protocol": "HTTP/1.1", "requestId": "id=", "requestTime": "04/Mar/2020:19:15:17 +0000",
            "requestTimeEpoch": 1583349317135, "resourceId": null, "resourcePath": "/orders", "stage": "beta"
          },
          "body": "{\"item\":\"book\"}", "isBase64Encoded": false
        }
        """;

    /// <summary>§2.2: the HTTP API payload 2.0 reference, with a JWT authorizer.</summary>
    public const string HttpApiV2 = """
        {
          "version": "2.0", "routeKey": "ANY /{proxy+}", "rawPath": "/beta/api/values",
          "rawQueryString": "a=1&a=2&b=x", "cookies": ["c1=v1", "c2=v2"],
          "headers": {"header2": "value1,value2", "x-forwarded-for": "1.2.3.4"},
          "queryStringParameters": {"a": "1,2", "b": "x"}, "pathParameters": {"proxy": "api/values"},
          "stageVariables": {"k": "v"},
          "requestContext": {
            "accountId": "123456789012", "apiId": "api-id", "domainName": "id.execute-api.us-east-1.amazonaws.com", "domainPrefix": "id",
            "http": {"method": "GET", "path": "/beta/api/values", "protocol": "HTTP/1.1", "sourceIp": "1.2.3.4", "userAgent": "agent"},
            "requestId": "J7jk9g-7oAMEJGw=", "routeKey": "ANY /{proxy+}", "stage": "beta",
            "time": "25/Mar/2020:05:03:27 +0000", "timeEpoch": 1585112607686,
            "authorizer": {"jwt": {"claims": {"sub": "user-1", "iat": 1585112000, "cognito:groups": "[admin ops]"}, "scopes": ["read"]}}
          },
          "body": "{\"hello\":\"world\"}", "isBase64Encoded": false
        }
        """;

    /// <summary>Payload 2.0 with every optional part absent, as AWS omits them (no cookies, query, path or stage variables, body, authorizer).</summary>
    public const string HttpApiV2Minimal = """
        {
          "version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
          "headers": {"accept": "*/*", "host": "id.execute-api.us-east-1.amazonaws.com"},
          "requestContext": {
            "accountId": "123456789012", "apiId": "api-id", "domainName": "id.execute-api.us-east-1.amazonaws.com", "domainPrefix": "id",
            "http": {"method": "GET", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "curl/8.5.0"},
            "requestId": "JKJaXmPLvHcESHA=", "routeKey": "$default", "stage": "$default",
            "time": "10/Mar/2020:00:03:14 +0000", "timeEpoch": 1583798594584
          },
          "isBase64Encoded": false
        }
        """;

    /// <summary>§2.3: a full payload 1.0 response.</summary>
    public const string ResponseV1 = """
        {"isBase64Encoded": false, "statusCode": 201,
         "headers": {"Content-Type": "application/json", "Location": "/orders/1"},
         "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
         "body": "{\"orderId\":\"1\"}"}
        """;

    /// <summary>§2.3: a binary payload 1.0 response with only some parts.</summary>
    public const string ResponseV1Binary = """
        {"statusCode": 200, "headers": {"Content-Type": "image/png"}, "body": "iVBORw0KGgo=", "isBase64Encoded": true}
        """;

    /// <summary>§2.4: a full payload 2.0 response.</summary>
    public const string ResponseV2 = """
        {"cookies": ["a=1; Path=/", "b=2; HttpOnly"], "isBase64Encoded": false, "statusCode": 200,
         "headers": {"content-type": "application/json", "x-multi": "v1,v2"}, "body": "{\"ok\":true}"}
        """;

    /// <summary>§2.4: a base64 payload 2.0 response without cookies.</summary>
    public const string ResponseV2Binary = """
        {"isBase64Encoded": true, "statusCode": 404, "headers": {"content-type": "application/octet-stream"}, "body": "AAEC"}
        """;
}
