using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Weimin.Features.Operations;

/// <summary>
/// <c>dotnet Weimin.dll keys list | rotate | revoke-all</c>: the data-protection key ring from the command line, for
/// the operations runbook. <c>rotate</c> makes a new default key at once (cookies signed with the old one still
/// read until it expires); <c>revoke-all</c>, for a key that leaked, voids every key: everyone signs in again and
/// half-finished forms must be reloaded. Every instance sees the change within a few minutes (its key-ring cache).
/// </summary>
public static class KeysCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "keys";

    public static int Run(IServiceProvider services, string[] args, TextWriter output, TimeProvider clock)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = clock.GetUtcNow();
        switch (args.Length > 1 ? args[1] : "")
        {
            case "list":
                foreach (var k in keys.GetAllKeys().OrderBy(k => k.CreationDate))
                    output.WriteLine($"{k.KeyId}  created {k.CreationDate:yyyy-MM-dd HH:mm}Z  active from {k.ActivationDate:yyyy-MM-dd HH:mm}Z  expires {k.ExpirationDate:yyyy-MM-dd}  {Status(k, now)}");
                return 0;
            case "rotate":
                var key = keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
                output.WriteLine($"new key {key.KeyId}, active now, expires {key.ExpirationDate:yyyy-MM-dd}");
                return 0;
            case "revoke-all":
                var reason = args.Length > 2 ? string.Join(' ', args[2..]) : "";
                if (string.IsNullOrWhiteSpace(reason))
                {
                    output.WriteLine("keys revoke-all needs a reason, e.g.: keys revoke-all \"backup tape lost 2026-11-20\"");
                    return 2;
                }
                // Key by key: "all keys created before a date" would miss a key made in the same instant.
                foreach (var k in keys.GetAllKeys().Where(k => !k.IsRevoked)) keys.RevokeKey(k.KeyId, reason);
                var fresh = keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
                output.WriteLine($"every key revoked ({reason}); new key {fresh.KeyId}. Everyone must sign in again.");
                return 0;
            default:
                output.WriteLine("usage: dotnet Weimin.dll keys list | rotate | revoke-all \"<reason>\"");
                return 2;
        }
    }

    private static string Status(IKey k, DateTimeOffset now) =>
        k.IsRevoked ? "revoked" : now < k.ActivationDate ? "pending" : now < k.ExpirationDate ? "active" : "expired";
}
