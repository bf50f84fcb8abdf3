using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace Raio.Api.Configuration;

/// <summary>Rafiki's three REDIS_TLS_* files: a CA to trust and an optional client certificate.</summary>
static class RedisTls
{
    public static void Apply(ConfigurationOptions options, SettingsReader reader)
    {
        var caPath = reader.ExistingFile("REDIS_TLS_CA_FILE_PATH");
        var keyPath = reader.ExistingFile("REDIS_TLS_KEY_FILE_PATH");
        var certPath = reader.ExistingFile("REDIS_TLS_CERT_FILE_PATH");
        if (caPath is null && keyPath is null && certPath is null)
        {
            return;
        }

        if ((keyPath is null) != (certPath is null))
        {
            throw new InvalidSettingException(
                keyPath is null ? "REDIS_TLS_KEY_FILE_PATH" : "REDIS_TLS_CERT_FILE_PATH",
                "must be set together with its pair");
        }

        options.Ssl = true;
        if (caPath is not null)
        {
            var authority = Load(() => X509CertificateLoader.LoadCertificateFromFile(caPath),
                "REDIS_TLS_CA_FILE_PATH");
            options.CertificateValidation += (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && ChainsTo(new X509Certificate2(certificate), authority));
        }

        if (keyPath is not null && certPath is not null)
        {
            var client = Load(() => X509Certificate2.CreateFromPemFile(certPath, keyPath),
                "REDIS_TLS_CERT_FILE_PATH");
            options.CertificateSelection += delegate { return client; };
        }
    }

    static X509Certificate2 Load(Func<X509Certificate2> load, string variable)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new InvalidSettingException(variable, "does not name a readable PEM certificate");
        }
    }

    static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        return chain.Build(certificate);
    }
}
