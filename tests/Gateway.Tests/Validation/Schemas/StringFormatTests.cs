using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>The formats we check, with ajv-formats' (full mode) verdicts; other formats are ignored.</summary>
public sealed class StringFormatTests
{
    [Theory]
    [InlineData("email", "user@example.com", true)]
    [InlineData("email", "first.last+tag@sub.example.co", true)]
    [InlineData("email", "a!#$%&*+/=?^_`{|}~-@x.io", true)]
    [InlineData("email", "USER@EXAMPLE.COM", true)]
    [InlineData("email", "user@localhost", false)]
    [InlineData("email", ".user@example.com", false)]
    [InlineData("email", "us..er@example.com", false)]
    [InlineData("email", "user@-example.com", false)]
    [InlineData("email", "user@example-.com", false)]
    [InlineData("email", "user@ex_ample.com", false)]
    [InlineData("email", "us er@example.com", false)]
    [InlineData("email", "ü@example.com", false)]
    [InlineData("email", "a@b@example.com", false)]
    [InlineData("uri", "https://example.com/a/b?q=1#frag", true)]
    [InlineData("uri", "urn:isbn:0451450523", true)]
    [InlineData("uri", "mailto:user@example.com", true)]
    [InlineData("uri", "http://[::1]:8080/", true)]
    [InlineData("uri", "http://[v1.fe]/", true)]
    [InlineData("uri", "http://user:pw@host:80/p%20q", true)]
    [InlineData("uri", "file:///etc/hosts", true)]
    [InlineData("uri", "a:/b:c", true)]
    [InlineData("uri", "/relative/path", false)]
    [InlineData("uri", "example.com", false)]
    [InlineData("uri", "http://exa mple.com", false)]
    // "http:" + "/" + empty authority + path "/host:8a/": ajv's grammar lets an authority follow a single slash.
    [InlineData("uri", "http://host:8a/", true)]
    [InlineData("uri", "http://[::1/", false)]
    [InlineData("uri", "http://host/%zz", false)]
    [InlineData("uri", "urn:", false)]
    [InlineData("uri", "1http://host", false)]
    [InlineData("uri", "http://hōst/", false)]
    [InlineData("date-time", "2024-02-29T12:30:00Z", true)]
    [InlineData("date-time", "2024-02-29t12:30:00.123+05:30", true)]
    [InlineData("date-time", "2024-02-29 12:30:00-0800", true)]
    [InlineData("date-time", "2016-12-31T23:59:60Z", true)]
    [InlineData("date-time", "2016-12-31T15:59:60-08:00", true)]
    [InlineData("date-time", "2016-12-31T23:58:60Z", false)]
    [InlineData("date-time", "2023-02-29T12:30:00Z", false)]
    [InlineData("date-time", "2024-02-29T12:30:00", false)]
    [InlineData("date-time", "2024-02-29T24:00:00Z", false)]
    [InlineData("date-time", "2024-02-29T12:30:00+24:00", false)]
    [InlineData("date-time", "2024-02-29", false)]
    [InlineData("date-time", "2024-02-29TT12:30:00Z", false)]
    [InlineData("date", "2000-02-29", true)]
    [InlineData("date", "1900-02-29", false)]
    [InlineData("date", "2024-13-01", false)]
    [InlineData("date", "2024-04-31", false)]
    [InlineData("date", "24-04-01", false)]
    [InlineData("time", "08:30:00Z", true)]
    [InlineData("time", "08:30:00", false)]
    [InlineData("uuid", "123e4567-e89b-12d3-a456-426614174000", true)]
    [InlineData("uuid", "urn:uuid:123E4567-E89B-12D3-A456-426614174000", true)]
    [InlineData("uuid", "123e4567e89b12d3a456426614174000", false)]
    [InlineData("uuid", "123e4567-e89b-12d3-a456-42661417400g", false)]
    [InlineData("ipv4", "192.168.0.1", true)]
    [InlineData("ipv4", "255.255.255.255", true)]
    [InlineData("ipv4", "256.1.1.1", false)]
    [InlineData("ipv4", "01.1.1.1", false)]
    [InlineData("ipv4", "1.1.1", false)]
    [InlineData("ipv6", "::", true)]
    [InlineData("ipv6", "::1", true)]
    [InlineData("ipv6", "2001:db8::8a2e:370:7334", true)]
    [InlineData("ipv6", "1:2:3:4:5:6:7:8", true)]
    [InlineData("ipv6", "1:2:3:4:5:6:7::", true)]
    [InlineData("ipv6", "::ffff:192.0.2.128", true)]
    [InlineData("ipv6", "1:2:3:4:5:6:7:8:9", false)]
    [InlineData("ipv6", "1::2::3", false)]
    [InlineData("ipv6", "1:2:3:4:5:6:7", false)]
    [InlineData("ipv6", "::ffff:192.0.2.01", false)]
    [InlineData("ipv6", "12345::", false)]
    [InlineData("ipv6", "fe80::1%eth0", false)]
    [InlineData("hostname", "example.com", true)]
    [InlineData("hostname", "example.com.", true)]
    [InlineData("hostname", "-bad.com", false)]
    [InlineData("hostname", "a_b.com", false)]
    public void Format_Value_MatchesAjvFormats(string format, string value, bool valid)
    {
        var schema = Compile("{'format': '" + format + "'}");
        var instance = System.Text.Json.JsonSerializer.Serialize(value);

        var violations = Violations(schema, instance.Replace("'", "\\u0027", StringComparison.Ordinal));

        Assert.Equal(valid ? [] : [$"/: must match format \"{format}\""], violations);
    }
}
