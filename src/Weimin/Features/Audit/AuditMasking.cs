namespace Weimin.Features.Audit;

/// <summary>
/// The change log keeps this field only masked (0912***678): an auditor can tell that and roughly how it changed,
/// but the log never becomes a second copy of personal data.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditMaskedAttribute : Attribute;

/// <summary>The change log records that this field changed, never its value (password hashes, keys, tokens).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditSecretAttribute : Attribute;

public static class AuditMask
{
    public const string Hidden = "[hidden]";

    public static string Mask(string value)
    {
        var v = value.Trim();
        // Long enough to keep a recognisable head and tail (a phone, an e-mail) and still hide most of it.
        return v.Length >= 8 ? string.Concat(v.AsSpan(0, 4), "***", v.AsSpan(v.Length - 3)) : "***";
    }
}
