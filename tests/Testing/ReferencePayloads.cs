namespace Platform.Testing;

/// <summary>
/// Payloads (shared by the Functions and Gateway tests) in the shapes recorded against real AWS (AWS-REFERENCE §2.1, §2.2, §2.3, §2.4, §7.2), with the
/// placeholders of the reference filled in. Each is one case of the round-trip theories.
/// </summary>
public static class ReferencePayloads
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

    /// <summary>Nulls where AWS puts them, a base64 body, multi-value maps, a Lambda authorizer context and a client certificate.</summary>
    public const string RestV1Base64WithLambdaAuthorizer = """
        {
          "resource": "/files/{name}", "path": "/files/a.bin", "httpMethod": "PUT",
          "headers": {"Content-Type": "application/octet-stream", "X-Repeated": "c"},
          "multiValueHeaders": {"Content-Type": ["application/octet-stream"], "X-Repeated": ["a", "b", "c"]},
          "queryStringParameters": {"tag": "c", "empty": ""},
          "multiValueQueryStringParameters": {"tag": ["a", "b", "c"], "empty": [""]},
          "pathParameters": {"name": "a.bin"}, "stageVariables": null,
          "requestContext": {
            "accountId": "123456789012", "apiId": "1234567890",
            "authorizer": {"principalId": "user-1", "integrationLatency": 12, "tier": "gold", "admin": true, "quota": 2.5},
            "domainName": "files.example.com", "domainPrefix": "files", "extendedRequestId": "Xy1AbC=", "httpMethod": "PUT",
            "identity": {"cognitoIdentityPoolId": null, "accountId": "123456789012", "cognitoIdentityId": null, "caller": "AIDAEXAMPLE",
                         "sourceIp": "2001:db8::1", "principalOrgId": "o-example", "accessKey": "ASIAEXAMPLE",
                         "cognitoAuthenticationType": null, "cognitoAuthenticationProvider": null,
                         "userArn": "arn:aws:iam::123456789012:user/example", "userAgent": "aws-cli/2.15", "user": "AIDAEXAMPLE",
                         "apiKey": "key-value", "apiKeyId": "key-id",
                         "clientCert": {"clientCertPem": "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
                                        "subjectDN": "CN=client", "issuerDN": "CN=Example CA", "serialNumber": "a1:b2:c3",
                                        "validity": {"notBefore": "May 28 12:30:02 2019 GMT", "notAfter": "Aug  5 09:36:04 2031 GMT"}}},
            "path": "/prod/files/a.bin", "protocol": "HTTP/1.1", "requestId": "5e2f1a66-0000-0000-0000-000000000000",
            "requestTime": "04/Mar/2020:19:15:17 +0000", "requestTimeEpoch": 1583349317135,
            "resourceId": "def456", "resourcePath": "/files/{name}", "stage": "prod"
          },
          "body": "AAEC/w==", "isBase64Encoded": true
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

    /// <summary>Payload 2.0 with a Lambda authorizer context of mixed value types and a base64 body.</summary>
    public const string HttpApiV2LambdaAuthorizerBase64 = """
        {
          "version": "2.0", "routeKey": "POST /upload", "rawPath": "/upload", "rawQueryString": "",
          "headers": {"content-type": "image/png"},
          "requestContext": {
            "accountId": "123456789012", "apiId": "api-id",
            "authorizer": {"lambda": {"userId": "u-1", "admin": false, "limit": 10, "ratio": 0.5, "nested": {"a": [1, "b"]}}},
            "domainName": "id.execute-api.us-east-1.amazonaws.com", "domainPrefix": "id",
            "http": {"method": "POST", "path": "/upload", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "agent"},
            "requestId": "abc=", "routeKey": "POST /upload", "stage": "$default",
            "time": "10/Mar/2020:00:03:14 +0000", "timeEpoch": 1583798594584
          },
          "body": "iVBORw0KGgo=", "isBase64Encoded": true
        }
        """;

    /// <summary>Payload 2.0 over mutual TLS with IAM authorization: nulls inside <c>iam</c> stay, as AWS sends them.</summary>
    public const string HttpApiV2IamMutualTls = """
        {
          "version": "2.0", "routeKey": "GET /me", "rawPath": "/me", "rawQueryString": "",
          "headers": {"host": "api.example.com"},
          "requestContext": {
            "accountId": "123456789012", "apiId": "api-id",
            "authentication": {"clientCert": {"clientCertPem": "CERT_CONTENT", "subjectDN": "www.example.com", "issuerDN": "Example issuer",
                               "serialNumber": "a1:a1:a1:a1", "validity": {"notBefore": "May 28 12:30:02 2019 GMT", "notAfter": "Aug  5 09:36:04 2021 GMT"}}},
            "authorizer": {"iam": {"accessKey": "ASIAEXAMPLE", "accountId": "111122223333", "callerId": "AIDACKCEVSQ6C2EXAMPLE",
                                   "cognitoIdentity": {"amr": ["authenticated", "cognito-idp.us-east-1.amazonaws.com/pool"],
                                                       "identityId": "us-east-1:id", "identityPoolId": "us-east-1:pool"},
                                   "principalOrgId": null, "userArn": "arn:aws:iam::111122223333:user/example-user",
                                   "userId": "AIDACOSFODNN7EXAMPLE"}},
            "domainName": "api.example.com", "domainPrefix": "api",
            "http": {"method": "GET", "path": "/me", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "agent"},
            "requestId": "id=", "routeKey": "GET /me", "stage": "$default",
            "time": "12/Mar/2020:19:03:58 +0000", "timeEpoch": 1583348638390
          },
          "isBase64Encoded": false
        }
        """;

    /// <summary>§7.2 CONNECT: headers, the upgrade request's query, no body.</summary>
    public const string WebSocketConnect = """
        {
          "headers": {"Host": "abcd1234.execute-api.us-east-1.amazonaws.com", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                      "Sec-WebSocket-Version": "13", "X-Forwarded-For": "192.0.2.1"},
          "multiValueHeaders": {"Host": ["abcd1234.execute-api.us-east-1.amazonaws.com"], "Sec-WebSocket-Key": ["dGhlIHNhbXBsZSBub25jZQ=="],
                                "Sec-WebSocket-Version": ["13"], "X-Forwarded-For": ["192.0.2.1"]},
          "queryStringParameters": {"room": "lobby"}, "multiValueQueryStringParameters": {"room": ["lobby"]},
          "requestContext": {
            "routeKey": "$connect", "eventType": "CONNECT", "extendedRequestId": "ABCD1234=",
            "requestTime": "09/Feb/2024:18:11:43 +0000", "messageDirection": "IN", "stage": "prod",
            "connectedAt": 1707502303419, "requestTimeEpoch": 1707502303420,
            "identity": {"userAgent": "wscat", "sourceIp": "192.0.2.1"},
            "requestId": "ABCD1234=", "domainName": "abcd1234.execute-api.us-east-1.amazonaws.com",
            "connectionId": "AAAAAAAAAAAAAAA=", "apiId": "abcd1234"
          },
          "isBase64Encoded": false
        }
        """;

    /// <summary>§7.2 MESSAGE: the frame in <c>body</c>, no headers.</summary>
    public const string WebSocketMessage = """
        {
          "requestContext": {
            "routeKey": "sendmessage", "messageId": "ABCD1234=", "eventType": "MESSAGE", "extendedRequestId": "ABCD1235=",
            "requestTime": "09/Feb/2024:18:12:01 +0000", "messageDirection": "IN", "stage": "prod",
            "connectedAt": 1707502303419, "requestTimeEpoch": 1707502321123,
            "identity": {"sourceIp": "192.0.2.1"},
            "requestId": "ABCD1235=", "domainName": "abcd1234.execute-api.us-east-1.amazonaws.com",
            "connectionId": "AAAAAAAAAAAAAAA=", "apiId": "abcd1234"
          },
          "body": "{\"action\":\"sendmessage\",\"text\":\"hi\"}", "isBase64Encoded": false
        }
        """;

    /// <summary>§7.2 DISCONNECT: the close status and reason.</summary>
    public const string WebSocketDisconnect = """
        {
          "headers": {"Host": "abcd1234.execute-api.us-east-1.amazonaws.com", "x-api-key": "", "X-Forwarded-For": "",
                      "x-restapi": ""},
          "multiValueHeaders": {"Host": ["abcd1234.execute-api.us-east-1.amazonaws.com"], "x-api-key": [""], "X-Forwarded-For": [""],
                                "x-restapi": [""]},
          "requestContext": {
            "routeKey": "$disconnect", "disconnectStatusCode": 1005, "eventType": "DISCONNECT", "extendedRequestId": "ABCD1236=",
            "requestTime": "09/Feb/2024:18:15:00 +0000", "messageDirection": "IN",
            "disconnectReason": "Client-side close frame status not set", "stage": "prod",
            "connectedAt": 1707502303419, "requestTimeEpoch": 1707502500000,
            "identity": {"userAgent": "wscat", "sourceIp": "192.0.2.1"},
            "requestId": "ABCD1236=", "domainName": "abcd1234.execute-api.us-east-1.amazonaws.com",
            "connectionId": "AAAAAAAAAAAAAAA=", "apiId": "abcd1234"
          },
          "isBase64Encoded": false
        }
        """;

    /// <summary>A MESSAGE on a connection whose <c>$connect</c> was authorised: the authorizer context rides along.</summary>
    public const string WebSocketMessageAuthorized = """
        {
          "requestContext": {
            "routeKey": "$default", "authorizer": {"principalId": "user-1", "integrationLatency": 0, "room": "lobby"},
            "messageId": "ABCD1237=", "eventType": "MESSAGE", "extendedRequestId": "ABCD1237=",
            "requestTime": "09/Feb/2024:18:12:30 +0000", "messageDirection": "IN", "stage": "prod",
            "connectedAt": 1707502303419, "requestTimeEpoch": 1707502350000,
            "identity": {"sourceIp": "192.0.2.1"},
            "requestId": "ABCD1237=", "domainName": "abcd1234.execute-api.us-east-1.amazonaws.com",
            "connectionId": "AAAAAAAAAAAAAAA=", "apiId": "abcd1234"
          },
          "body": "AQID", "isBase64Encoded": true
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
