using System.Linq.Expressions;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

public enum SearchKind { Service = 0, Faq = 1, News = 2, Document = 3 }

/// <summary>
/// One searchable thing of the public site. <see cref="Text"/> and <see cref="TitleText"/> hold the normalised text
/// (<see cref="SearchQuery.Normalise"/>) that queries match by plain substring, so results are the same on SQLite and
/// PostgreSQL and any two characters of Chinese match.
/// </summary>
public class SearchDoc
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public SearchKind Kind { get; set; }
    public int RefId { get; set; }
    public int? SectionId { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public required string Body { get; set; }
    public required string Url { get; set; }
    /// <summary>The day shown and filtered on: news' publication day, others' last change.</summary>
    public DateOnly Day { get; set; }
    /// <summary>Hidden until this instant (scheduled news).</summary>
    public DateTime VisibleFromUtc { get; set; }
    public required string TitleText { get; set; }
    public required string Text { get; set; }
}

/// <summary>Which sources the index of an agency was built from; a different signature rebuilds it.</summary>
public class SearchIndexState
{
    public int AgencyId { get; set; }
    public required string Signature { get; set; }
    public DateTime BuiltAtUtc { get; set; }
}

internal sealed class SearchDocConfiguration : IEntityTypeConfiguration<SearchDoc>
{
    public void Configure(EntityTypeBuilder<SearchDoc> b)
    {
        b.ToTable("portal_search");
        b.Property(d => d.Title).HasMaxLength(300);
        b.Property(d => d.TitleEn).HasMaxLength(300);
        b.Property(d => d.Body).HasMaxLength(12000);
        b.Property(d => d.Url).HasMaxLength(400);
        b.Property(d => d.TitleText).HasMaxLength(700);
        b.Property(d => d.Text).HasMaxLength(16000);
        b.HasIndex(d => new { d.AgencyId, d.Kind, d.RefId }).IsUnique();
        b.HasIndex(d => new { d.AgencyId, d.Day });
    }
}

internal sealed class SearchIndexStateConfiguration : IEntityTypeConfiguration<SearchIndexState>
{
    public void Configure(EntityTypeBuilder<SearchIndexState> b)
    {
        b.ToTable("portal_search_state");
        b.HasKey(s => s.AgencyId);
        b.Property(s => s.AgencyId).ValueGeneratedNever();
        b.Property(s => s.Signature).HasMaxLength(200);
    }
}

public sealed record SearchFilter(string? Q, SearchKind? Kind = null, string? Section = null, DateOnly? From = null, DateOnly? To = null,
    bool ByDate = false, int Page = 1, int PageSize = 10);

public sealed record SearchHit(SearchKind Kind, string Title, string? TitleEn, string Body, string Url, DateOnly Day, int? SectionId, int Score);

/// <summary>
/// 全文檢索 over services, FAQ, news and documents (forms). The index is a table rebuilt from the sources when their
/// signature (counts and last changes) moves, checked on each search: no hook into other features' writes is needed.
/// </summary>
public sealed class SearchIndex(AppDb db, TimeProvider clock)
{
    public async Task<Paged<SearchHit>> SearchAsync(int agencyId, SearchQuery query, SearchFilter filter, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, 50);
        var page = Math.Max(1, filter.Page);
        if (query.IsEmpty) return new Paged<SearchHit>([], 0, page, pageSize);
        await EnsureFreshAsync(agencyId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Set<SearchDoc>().AsNoTracking().Where(d => d.AgencyId == agencyId && d.VisibleFromUtc <= now).Where(Matches(query));
        if (filter.Kind is { } kind) q = q.Where(d => d.Kind == kind);
        if (!string.IsNullOrWhiteSpace(filter.Section))
        {
            var code = filter.Section.Trim();
            var sectionId = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.AgencyId == agencyId && s.Code == code).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            q = q.Where(d => d.SectionId == (sectionId ?? -1));
        }
        if (filter.From is { } from) q = q.Where(d => d.Day >= from);
        if (filter.To is { } to) q = q.Where(d => d.Day <= to);
        var total = await q.CountAsync(ct);
        var scored = q.Select(Score(query));
        var ordered = filter.ByDate
            ? scored.OrderByDescending(x => x.Doc.Day).ThenByDescending(x => x.Score)
            : scored.OrderByDescending(x => x.Score).ThenByDescending(x => x.Doc.Day);
        var rows = await ordered.ThenBy(x => x.Doc.Kind).ThenBy(x => x.Doc.RefId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<SearchHit>([.. rows.Select(x => new SearchHit(x.Doc.Kind, x.Doc.Title, x.Doc.TitleEn, x.Doc.Body, x.Doc.Url, x.Doc.Day, x.Doc.SectionId, x.Score))],
            total, page, pageSize);
    }

    private sealed class Term(string value)
    {
        public string Value { get; } = value;
    }

    private sealed record Scored(SearchDoc Doc, int Score);

    // d.Text.Contains(term) with the term as a query parameter: instr() on SQLite, strpos() on PostgreSQL, both exact.
    private static Expression Contains(Expression doc, string property, string term) =>
        Expression.Call(Expression.Property(doc, property), typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!,
            Expression.Property(Expression.Constant(new Term(term)), nameof(Term.Value)));

    private static Expression<Func<SearchDoc, bool>> Matches(SearchQuery query)
    {
        var d = Expression.Parameter(typeof(SearchDoc), "d");
        Expression? any = null;
        foreach (var g in query.Groups)
        {
            Expression all = Expression.Constant(true);
            foreach (var t in g.Include) all = Expression.AndAlso(all, Contains(d, nameof(SearchDoc.Text), t));
            foreach (var t in g.Exclude) all = Expression.AndAlso(all, Expression.Not(Contains(d, nameof(SearchDoc.Text), t)));
            any = any is null ? all : Expression.OrElse(any, all);
        }
        return Expression.Lambda<Func<SearchDoc, bool>>(any ?? Expression.Constant(false), d);
    }

    /// <summary>Relevance: 10 for each term in the title, 3 for the whole query as one phrase in the title, 1 for each term anywhere.</summary>
    private static Expression<Func<SearchDoc, Scored>> Score(SearchQuery query)
    {
        var d = Expression.Parameter(typeof(SearchDoc), "d");
        Expression score = Expression.Constant(0);
        foreach (var t in query.PositiveTerms)
        {
            score = Expression.Add(score, Expression.Condition(Contains(d, nameof(SearchDoc.TitleText), t), Expression.Constant(10), Expression.Constant(0)));
            score = Expression.Add(score, Expression.Condition(Contains(d, nameof(SearchDoc.Text), t), Expression.Constant(1), Expression.Constant(0)));
        }
        if (query.PositiveTerms.Count > 1)
        {
            var phrase = string.Join(" ", query.PositiveTerms);
            score = Expression.Add(score, Expression.Condition(Contains(d, nameof(SearchDoc.TitleText), phrase), Expression.Constant(3), Expression.Constant(0)));
        }
        var ctor = typeof(Scored).GetConstructor([typeof(SearchDoc), typeof(int)])!;
        return Expression.Lambda<Func<SearchDoc, Scored>>(Expression.New(ctor, [d, score], typeof(Scored).GetProperty(nameof(Scored.Doc))!, typeof(Scored).GetProperty(nameof(Scored.Score))!), d);
    }

    /// <summary>Rebuilds the agency's index when its sources changed since the last build.</summary>
    public async Task EnsureFreshAsync(int agencyId, CancellationToken ct = default)
    {
        var signature = await SignatureAsync(agencyId, ct);
        var state = await db.Set<SearchIndexState>().AsNoTracking().FirstOrDefaultAsync(s => s.AgencyId == agencyId, ct);
        if (state?.Signature == signature) return;
        var docs = await SourcesAsync(agencyId, ct);
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.Set<SearchDoc>().Where(d => d.AgencyId == agencyId).ExecuteDeleteAsync(ct);
                db.AddRange(docs.Select(d => { d.Id = 0; return d; }));
                var row = await db.Set<SearchIndexState>().FirstOrDefaultAsync(s => s.AgencyId == agencyId, ct);
                if (row is null) db.Add(new SearchIndexState { AgencyId = agencyId, Signature = signature, BuiltAtUtc = clock.GetUtcNow().UtcDateTime });
                else { row.Signature = signature; row.BuiltAtUtc = clock.GetUtcNow().UtcDateTime; }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (DbUpdateException)
        {
            // Another request (or instance) rebuilt the same index at the same moment; its build stands.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<string> SignatureAsync(int agencyId, CancellationToken ct)
    {
        var services = db.Set<Service>().IgnoreQueryFilters().Where(s => s.AgencyId == agencyId);
        var s = await services.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Max = g.Max(x => x.UpdatedAtUtc) }).FirstOrDefaultAsync(ct);
        var forms = await db.Set<ServiceForm>().Where(f => services.Any(x => x.Id == f.ServiceId)).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Max = g.Max(x => x.Id) }).FirstOrDefaultAsync(ct);
        var f = await db.Set<FaqEntry>().IgnoreQueryFilters().Where(x => x.AgencyId == agencyId).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Max = g.Max(x => x.UpdatedAtUtc) }).FirstOrDefaultAsync(ct);
        var n = await db.Set<NewsItem>().IgnoreQueryFilters().Where(x => x.AgencyId == agencyId).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Max = g.Max(x => x.UpdatedAtUtc) }).FirstOrDefaultAsync(ct);
        return $"v1;s{s?.Count}:{s?.Max.Ticks};d{forms?.Count}:{forms?.Max};f{f?.Count}:{f?.Max.Ticks};n{n?.Count}:{n?.Max.Ticks}";
    }

    private async Task<List<SearchDoc>> SourcesAsync(int agencyId, CancellationToken ct)
    {
        var docs = new List<SearchDoc>();
        var services = await db.Set<Service>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive)
            .Select(s => new
            {
                s.Id, s.Code, s.Name, s.NameEn, s.SectionId, s.Topic, s.Description, s.DescriptionEn, s.Eligibility, s.UpdatedAtUtc,
                Docs = s.Documents.Select(d => d.Name).ToList(), Steps = s.Steps.Select(x => x.Title).ToList(),
                Forms = s.Forms.Select(x => new { x.Id, x.Title, x.FileName, x.StoredPath }).ToList(),
            }).ToListAsync(ct);
        var agencyCode = await db.Set<Agency>().Where(a => a.Id == agencyId).Select(a => a.Code).FirstAsync(ct);
        foreach (var s in services)
        {
            var body = Join(s.Description, s.Eligibility, string.Join("、", s.Docs));
            docs.Add(Doc(agencyId, SearchKind.Service, s.Id, s.SectionId, s.Name, s.NameEn, body, $"/services/{s.Code}", s.UpdatedAtUtc, DateTime.MinValue,
                Join(s.Topic, s.DescriptionEn, string.Join(" ", s.Steps))));
            foreach (var f in s.Forms)
                docs.Add(Doc(agencyId, SearchKind.Document, f.Id, s.SectionId, f.Title, null, Join(s.Name, f.FileName),
                    f.StoredPath is null ? $"/services/{s.Code}" : $"/api/services/{s.Code}/forms/{f.Id}?agency={Uri.EscapeDataString(agencyCode)}",
                    s.UpdatedAtUtc, DateTime.MinValue, s.NameEn));
        }
        var faq = await db.Set<FaqEntry>().IgnoreQueryFilters().AsNoTracking().Where(f => f.AgencyId == agencyId && f.IsPublished)
            .Select(f => new { f.Id, f.SectionId, f.Question, f.QuestionEn, f.Answer, f.AnswerEn, f.UpdatedAtUtc, Service = f.Service == null ? null : f.Service.Name })
            .ToListAsync(ct);
        docs.AddRange(faq.Select(f => Doc(agencyId, SearchKind.Faq, f.Id, f.SectionId, f.Question, f.QuestionEn, f.Answer, $"/faq#q{f.Id}", f.UpdatedAtUtc,
            DateTime.MinValue, Join(f.AnswerEn, f.Service))));
        var news = await db.Set<NewsItem>().IgnoreQueryFilters().AsNoTracking().Where(n => n.AgencyId == agencyId && n.IsPublished)
            .Select(n => new { n.Id, n.SectionId, n.Title, n.TitleEn, n.Body, n.BodyEn, n.PublishedAtUtc, n.Place }).ToListAsync(ct);
        docs.AddRange(news.Select(n => Doc(agencyId, SearchKind.News, n.Id, n.SectionId, n.Title, n.TitleEn, n.Body, $"/news/{n.Id}", n.PublishedAtUtc,
            n.PublishedAtUtc, Join(n.BodyEn, n.Place))));
        return docs;
    }

    private static SearchDoc Doc(int agencyId, SearchKind kind, int refId, int? sectionId, string title, string? titleEn, string body, string url,
        DateTime dayUtc, DateTime visibleFromUtc, string? extra)
    {
        if (body.Length > 12000) body = body[..12000];
        var text = SearchQuery.Normalise(Join(title, titleEn, body, extra));
        return new SearchDoc
        {
            AgencyId = agencyId, Kind = kind, RefId = refId, SectionId = sectionId, Title = title, TitleEn = titleEn, Body = body, Url = url,
            Day = PortalLinks.OfficeDay(dayUtc), VisibleFromUtc = visibleFromUtc,
            TitleText = SearchQuery.Normalise(Join(title, titleEn)), Text = text.Length > 16000 ? text[..16000] : text,
        };
    }

    private static string Join(params string?[] parts) => string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>
    /// A snippet of <paramref name="text"/> around the first match, HTML-encoded, with every match in &lt;mark&gt;. Matching
    /// is on normalised text; NFKC can change lengths, so a text whose normal form differs in length is matched as is.
    /// </summary>
    public static IHtmlContent Highlight(string text, IReadOnlyList<string> terms, int length = 160)
    {
        var plain = text.Replace('\n', ' ');
        var normal = SearchQuery.Normalise(plain);
        var haystack = normal.Length == plain.Length ? normal : plain.ToLowerInvariant();
        var marks = new bool[plain.Length];
        var first = -1;
        foreach (var term in terms.Where(t => t.Length > 0))
        {
            for (var i = haystack.IndexOf(term, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(term, i + term.Length, StringComparison.Ordinal))
            {
                for (var k = i; k < i + term.Length; k++) marks[k] = true;
                if (first < 0 || i < first) first = i;
            }
        }
        var start = first < 0 || plain.Length <= length ? 0 : Math.Max(0, Math.Min(first - length / 3, plain.Length - length));
        var end = Math.Min(plain.Length, start + length);
        var sb = new StringBuilder();
        if (start > 0) sb.Append('…');
        var open = false;
        for (var i = start; i < end; i++)
        {
            if (marks[i] && !open) { sb.Append("<mark>"); open = true; }
            if (!marks[i] && open) { sb.Append("</mark>"); open = false; }
            sb.Append(WebUtility.HtmlEncode(plain[i].ToString()));
        }
        if (open) sb.Append("</mark>");
        if (end < plain.Length) sb.Append('…');
        return new HtmlString(sb.ToString());
    }
}
