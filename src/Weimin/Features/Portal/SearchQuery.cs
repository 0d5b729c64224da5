using System.Text;

namespace Weimin.Features.Portal;

/// <summary>
/// A parsed search: words and "quoted phrases" joined by AND (also implied between neighbours), OR and NOT, in that
/// precedence (NOT binds tightest, OR loosest), as a list of OR-ed groups of AND-ed terms. Text is normalised the way
/// the index is (<see cref="Normalise"/>), so matching is the same on every database.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchGroup> Groups)
{
    public const int MaxLength = 100;
    public const int MaxTerms = 10;

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>Every term that must or may match, for highlighting and ranking.</summary>
    public IReadOnlyList<string> PositiveTerms => [.. Groups.SelectMany(g => g.Include).Distinct()];

    public static SearchQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new([]);
        if (text.Length > MaxLength) text = text[..MaxLength];
        var groups = new List<SearchGroup>();
        var include = new List<string>();
        var exclude = new List<string>();
        var negate = false;
        var count = 0;
        foreach (var (token, quoted) in Tokens(text))
        {
            if (!quoted && token == "OR")
            {
                Close();
                continue;
            }
            if (!quoted && token == "AND") continue;
            if (!quoted && token == "NOT")
            {
                negate = true;
                continue;
            }
            var term = Normalise(token);
            if (term.Length == 0 || count >= MaxTerms) { negate = false; continue; }
            count++;
            (negate ? exclude : include).Add(term);
            negate = false;
        }
        Close();
        return new(groups);

        void Close()
        {
            if (include.Count > 0 || exclude.Count > 0) groups.Add(new SearchGroup([.. include.Distinct()], [.. exclude.Distinct()]));
            include = [];
            exclude = [];
            negate = false;
        }
    }

    private static IEnumerable<(string Token, bool Quoted)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '　') { i++; continue; }
            if (c is '"' or '「' or '“')
            {
                var close = c switch { '「' => '」', '“' => '”', _ => '"' };
                var end = text.IndexOf(close, i + 1);
                if (end < 0) end = text.Length;
                yield return (text[(i + 1)..end], true);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '　' && text[i] is not ('"' or '「' or '“')) i++;
            var word = text[start..i];
            // "-word" is NOT word, as in most search boxes.
            if (word.Length > 1 && word[0] == '-')
            {
                yield return ("NOT", false);
                word = word[1..];
            }
            yield return (word, false);
        }
    }

    /// <summary>Unicode NFKC (full-width letters and digits become ASCII), lower case (invariant), runs of space as one.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    public override string ToString() =>
        string.Join(" OR ", Groups.Select(g => string.Join(" ", g.Include.Select(Quote).Concat(g.Exclude.Select(e => "NOT " + Quote(e))))));

    private static string Quote(string t) => t.Contains(' ', StringComparison.Ordinal) ? $"\"{t}\"" : t;
}

/// <summary>Every <see cref="Include"/> term present and no <see cref="Exclude"/> term.</summary>
public sealed record SearchGroup(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);
