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

    /// <summary>Phones and e-mail addresses as the rest of Weimin masks them; anything else keeps only its first and last characters.</summary>
    public static string Mask(string value)
    {
        var v = value.Trim();
        if (v.Contains('@', StringComparison.Ordinal)) return Web.Privacy.Mask.Email(v);
        if (v.Count(char.IsDigit) >= 7 && v.All(c => char.IsDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '#'))
            return Web.Privacy.Mask.Phone(v);
        // A national ID (A123456789) must not survive as most of itself.
        return v.Length >= 6 ? string.Concat(v.AsSpan(0, 1), "***", v.AsSpan(v.Length - 2)) : "***";
    }
}

/// <summary>
/// Rows of this type keep their own append-only history (a case's timeline), so the change log leaves them out:
/// it would only duplicate that history, copy applicants' personal data, and double the writes of every intake.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
