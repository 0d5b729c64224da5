namespace Weimin.Web.Privacy;

/// <summary>How personal data reads where it must not be read in full: 王○明, 0912-***-678, w***@example.tw.</summary>
public static class Mask
{
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var n = name.Trim();
        return n.Length switch
        {
            1 => "○",
            2 => n[0] + "○",
            _ => n[0] + new string('○', n.Length - 2) + n[^1],
        };
    }

    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return "";
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        if (digits.Length < 7) return new string('*', digits.Length);
        // A mobile number (09xx-xxx-xxx) keeps its operator prefix; a landline keeps only the area code's "0x".
        if (digits.Length == 10 && digits.StartsWith("09", StringComparison.Ordinal)) return $"{digits[..4]}-***-{digits[^3..]}";
        return $"{digits[..2]}-{new string('*', digits.Length - 5)}{digits[^3..]}";
    }

    public static string Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0) return "***";
        return email[0] + "***" + email[at..];
    }
}
