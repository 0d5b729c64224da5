using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Open311;

/// <summary>
/// The seven GeoReport v2 endpoints. Every answer is built as one <see cref="GeoNode"/> tree and written in the format
/// the URL's suffix asks for. The jurisdiction is an agency code (optional: the home agency when absent or empty); the
/// request's data scope is set to that agency, so nothing of another agency can be read or written.
/// </summary>
public sealed partial class GeoReportEndpoints(
    AppDb db, Open311Service open311, TimeProvider clock, Open311Options options, Open311KeyLimiter limiter,
    IStringLocalizer<ErrorText> t, IStringLocalizer<Open311Text> ui, IStringLocalizer<TrackingText> tracking)
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    public const int MaxRequests = 1000;
    public const int MaxDays = 90;
    private const int DescriptionLimit = 4000;

    private sealed record Problem(int Status, List<(int Code, string Description)> Errors, TimeSpan? RetryAfter = null);

    private sealed class Failure(Problem problem) : Exception(problem.Errors[0].Description)
    {
        public Problem Problem { get; } = problem;
    }

    // --- discovery and services

    public Task<IResult> DiscoveryAsync(string format, HttpContext http, CancellationToken ct) => Run(format, http, async (f, agency) =>
    {
        var changed = await db.Set<Service>().Where(s => s.AgencyId == agency.Id && s.Open311).MaxAsync(s => (DateTime?)s.UpdatedAtUtc, ct);
        var changeset = GeoReportFormat.Date(changed ?? DateTime.UnixEpoch);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Open311Api.Base}";
        return new GeoObject("discovery",
        [
            new GeoValue("changeset", changeset),
            new GeoValue("contact", options.Contact ?? ui["Discovery.Contact", agency.Name, agency.Phone ?? ""].Value),
            new GeoValue("key_service", options.KeyService ?? ui["Discovery.KeyService", agency.Name].Value),
            new GeoList("endpoints", "endpoint",
            [
                new GeoObject("endpoint",
                [
                    new GeoValue("specification", Specification), new GeoValue("url", url), new GeoValue("changeset", changeset),
                    new GeoValue("type", options.EndpointType == "test" ? "test" : "production"),
                    new GeoList("formats", "format", [new GeoValue("format", "text/xml"), new GeoValue("format", "application/json")]),
                ]),
            ]),
        ]);
    });

    public Task<IResult> ServicesAsync(string format, HttpContext http, CancellationToken ct) => Run(format, http, async (f, agency) =>
    {
        var english = English;
        var services = await db.Set<Service>().AsNoTracking().Where(s => s.AgencyId == agency.Id && s.Open311 && s.IsActive)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new { s.Code, s.Name, s.NameEn, s.Description, s.DescriptionEn, s.Topic, s.Open311Type, Metadata = s.Attributes.Any() })
            .ToListAsync(ct);
        return new GeoList("services", "service", [.. services.Select(s => new GeoObject("service",
        [
            new GeoValue("service_code", s.Code),
            new GeoValue("service_name", english ? s.NameEn ?? s.Name : s.Name),
            new GeoValue("description", english ? s.DescriptionEn ?? s.Description : s.Description),
            new GeoValue("metadata", s.Metadata),
            new GeoValue("type", s.Open311Type == Open311Type.Batch ? "batch" : "realtime"),
            new GeoValue("keywords", string.Join(", ", new[] { english ? s.Name : s.NameEn, s.Topic }.Where(k => !string.IsNullOrWhiteSpace(k)))),
            new GeoValue("group", s.Topic),
        ]))]);
    });

    public Task<IResult> DefinitionAsync(string code, string format, HttpContext http, CancellationToken ct) => Run(format, http, async (f, agency) =>
    {
        var service = await FindServiceAsync(agency, code, ct);
        return new GeoObject("service_definition",
        [
            new GeoValue("service_code", service.Code),
            new GeoList("attributes", "attribute", [.. service.Attributes.OrderBy(a => a.Order).Select(a => new GeoObject("attribute",
            [
                new GeoValue("variable", a.Variable),
                new GeoValue("code", a.Code),
                new GeoValue("datatype", a.Datatype.ToString().ToLowerInvariant()),
                new GeoValue("required", a.Required),
                new GeoValue("datatype_description", a.DatatypeDescription),
                new GeoValue("order", a.Order),
                new GeoValue("description", a.Description),
                .. a.IsList
                    ? new GeoNode[] { new GeoList("values", "value", [.. a.Choices().Select(c => new GeoObject("value", [new GeoValue("key", c.Key), new GeoValue("name", c.Name)]))]) }
                    : [],
            ]))]),
        ]);
    });

    private async Task<Service> FindServiceAsync(Agency agency, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) throw Fail(400, t["open311.service_code_missing"]);
        var c = code.Trim();
        return await db.Set<Service>().Include(s => s.Attributes).Include(s => s.Documents).AsSplitQuery()
                   .FirstOrDefaultAsync(s => s.AgencyId == agency.Id && s.Code == c && s.Open311 && s.IsActive, ct)
               ?? throw Fail(404, t["open311.service_unknown", c]);
    }

    // --- tokens and requests

    public Task<IResult> TokenAsync(string token, string format, HttpContext http, CancellationToken ct) => Run(format, http, async (f, agency) =>
    {
        var row = await db.Set<Open311Request>().AsNoTracking().Where(r => r.AgencyId == agency.Id && r.Token == token)
                      .Select(r => new { r.Token, r.State, r.Error, Number = db.Set<Case>().Where(c => c.Id == r.CaseId).Select(c => c.Number).FirstOrDefault() })
                      .FirstOrDefaultAsync(ct)
                  ?? throw Fail(404, t["open311.token_unknown", token]);
        if (row.State == Open311RequestState.Failed)
            throw Fail(400, t["open311.token_failed", token, t[row.Error ?? "open311.intake_failed"].Value]);
        return new GeoList("service_requests", "request",
            [new GeoObject("request", [new GeoValue("service_request_id", row.Number), new GeoValue("token", row.Token)])]);
    });

    public Task<IResult> RequestAsync(string id, string format, HttpContext http, CancellationToken ct) => Run(format, http, async (f, agency) =>
    {
        var rows = await RowsAsync(Open311Cases(agency).Where(c => c.Number == id), 0, 1, ct);
        if (rows.Count == 0) throw Fail(404, t["open311.request_unknown", id]);
        return await RequestsListAsync(rows, Flag(http.Request.Query["extensions"]), ct);
    });

    public Task<IResult> RequestsAsync(string format, HttpContext http, CancellationToken ct) => Run(format, http, async (f, agency) =>
    {
        var q = http.Request.Query;
        var errors = new List<string>();
        var query = Open311Cases(agency);
        var ids = List(q["service_request_id"]);
        if (ids.Count > 0)
        {
            query = query.Where(c => ids.Contains(c.Number));
        }
        else
        {
            var codes = List(q["service_code"]);
            if (codes.Count > 0) query = query.Where(c => codes.Contains(c.Service!.Code));
            var start = W3cDate(q["start_date"], "start_date", errors);
            var end = W3cDate(q["end_date"], "end_date", errors);
            var statuses = List(q["status"]).Select(s => s.ToLowerInvariant()).ToHashSet();
            if (statuses.Any(s => s is not ("open" or "closed"))) errors.Add(t["open311.status"]);
            if (errors.Count == 0)
            {
                var now = clock.GetUtcNow();
                (start, end) = (start, end) switch
                {
                    (null, null) => (now.AddDays(-MaxDays), now),
                    ({ } s, null) => (s, s.AddDays(MaxDays)),
                    (null, { } e) => (e.AddDays(-MaxDays), e),
                    _ => (start, end),
                };
                if (end < start) errors.Add(t["open311.date_range"]);
                else if (end - start > TimeSpan.FromDays(MaxDays)) errors.Add(t["open311.date_span", MaxDays]);
                var from = start!.Value.UtcDateTime;
                var to = end!.Value.UtcDateTime;
                query = query.Where(c => c.ReceivedAtUtc >= from && c.ReceivedAtUtc <= to);
                if (statuses.Count == 1)
                {
                    var open = CaseStatuses.Open;
                    query = statuses.Contains("open") ? query.Where(c => open.Contains(c.Status)) : query.Where(c => !open.Contains(c.Status));
                }
            }
        }
        var page = PositiveInt(q["page"], 1, int.MaxValue, "open311.page", errors) ?? 1;
        var size = PositiveInt(q["page_size"], 1, MaxRequests, "open311.page_size", errors) ?? MaxRequests;
        if (errors.Count > 0) throw new Failure(new Problem(400, [.. errors.Select(e => (400, e))]));
        var rows = await RowsAsync(query, (long)(page - 1) * size, size, ct);
        return await RequestsListAsync(rows, Flag(q["extensions"]), ct);
    });

    private IQueryable<Case> Open311Cases(Agency agency) => db.Set<Case>().AsNoTracking().Where(c => c.AgencyId == agency.Id && c.Service!.Open311);

    /// <summary>What GET may show of a case: the report and its handling, never the reporter.</summary>
    private sealed record RequestRow(
        long Id, string Number, CaseStatus Status, string? Result, string? TransferredTo, string ServiceCode, string ServiceName, string? ServiceNameEn,
        string? Section, string? SectionEn, int Days, DateTime ReceivedAtUtc, DateTime UpdatedAtUtc, DateTime? ClosedAtUtc, DateTime? CompletedAtUtc,
        DateOnly DueOn, string? Location, double? Latitude, double? Longitude, string? Description, string? AddressId, string? MediaUrl);

    private async Task<List<RequestRow>> RowsAsync(IQueryable<Case> query, long skip, int take, CancellationToken ct)
    {
        var requests = db.Set<Open311Request>();
        var sections = db.Set<Section>();
        return await query.OrderByDescending(c => c.ReceivedAtUtc).ThenByDescending(c => c.Id)
            .Skip((int)Math.Min(skip, int.MaxValue)).Take(take)
            .Select(c => new RequestRow(
                c.Id, c.Number, c.Status, c.Result, c.TransferredTo, c.Service!.Code, c.Service.Name, c.Service.NameEn,
                sections.Where(s => s.Id == c.SectionId).Select(s => s.Name).FirstOrDefault(),
                sections.Where(s => s.Id == c.SectionId).Select(s => s.NameEn).FirstOrDefault(),
                c.TimeLimitDays + c.ExtensionDays, c.ReceivedAtUtc, c.UpdatedAtUtc, c.ClosedAtUtc, c.CompletedAtUtc, c.DueOn,
                c.LocationText, c.Latitude, c.Longitude,
                // Only what the reporter wrote for a 311 app is published; a counter case's details may name people.
                requests.Where(r => r.CaseId == c.Id).Select(r => r.Description).FirstOrDefault(),
                requests.Where(r => r.CaseId == c.Id).Select(r => r.AddressId).FirstOrDefault(),
                requests.Where(r => r.CaseId == c.Id).Select(r => r.MediaUrl).FirstOrDefault()))
            .ToListAsync(ct);
    }

    private async Task<GeoList> RequestsListAsync(List<RequestRow> rows, bool extensions, CancellationToken ct)
    {
        var notes = new Dictionary<long, List<CaseEvent>>();
        if (extensions && rows.Count > 0)
        {
            var ids = rows.Select(r => r.Id).ToList();
            var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => ids.Contains(e.CaseId) && e.IsPublic)
                .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
            notes = events.GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.ToList());
        }
        var english = English;
        return new GeoList("service_requests", "request", [.. rows.Select(r =>
        {
            var open = r.Status.IsOpen();
            GeoNode[] fields =
            [
                new GeoValue("service_request_id", r.Number),
                new GeoValue("status", open ? "open" : "closed"),
                new GeoValue("status_notes", r.Status switch
                {
                    CaseStatus.Completed or CaseStatus.Closed or CaseStatus.Rejected => r.Result,
                    CaseStatus.Transferred => r.TransferredTo,
                    _ => null,
                }),
                new GeoValue("service_name", english ? r.ServiceNameEn ?? r.ServiceName : r.ServiceName),
                new GeoValue("service_code", r.ServiceCode),
                new GeoValue("description", r.Description),
                new GeoValue("agency_responsible", english ? r.SectionEn ?? r.Section : r.Section),
                new GeoValue("service_notice", ui["Notice.TimeLimit", r.Days].Value),
                new GeoValue("requested_datetime", GeoReportFormat.Date(r.ReceivedAtUtc)),
                new GeoValue("updated_datetime", GeoReportFormat.Date(open ? r.UpdatedAtUtc : r.ClosedAtUtc ?? r.CompletedAtUtc ?? r.UpdatedAtUtc)),
                new GeoValue("expected_datetime", GeoReportFormat.EndOfDay(r.DueOn)),
                new GeoValue("address", r.Location),
                new GeoValue("address_id", r.AddressId),
                new GeoValue("zipcode", null),
                new GeoValue("lat", r.Latitude),
                new GeoValue("long", r.Longitude),
                new GeoValue("media_url", r.MediaUrl),
            ];
            if (extensions)
                fields = [.. fields, new GeoList("notes", "note", [.. (notes.GetValueOrDefault(r.Id) ?? []).Select(e => new GeoObject("note",
                [
                    new GeoValue("datetime", GeoReportFormat.Date(e.AtUtc)),
                    new GeoValue("type", e.Type.ToString()),
                    new GeoValue("summary", tracking["Event." + e.Type].Value),
                    // A merge names the other case's number: another reporter's case.
                    new GeoValue("description", e.Type == CaseEventType.Merged ? null : e.Note),
                ]))])];
            return new GeoObject("request", fields);
        })]);
    }

    // --- POST requests

    public async Task<IResult> PostAsync(string format, HttpContext http, CancellationToken ct)
    {
        if (!GeoReportFormat.TryParse(format, out var f)) return NotAFormat(http);
        try
        {
            if (!http.Request.HasFormContentType) throw Fail(400, t["open311.form_required"]);
            IFormCollection form;
            try { form = await http.Request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException) { throw Fail(400, t["open311.form_required"]); }
            string? F(string name) => form.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
            if (form.Keys.FirstOrDefault(k => !AttributeKey().IsMatch(k) && form[k].Count > 1) is { } repeated)
                throw Fail(repeated == "api_key" ? 403 : 400, t["open311.repeated", repeated]);

            var client = await open311.ClientForKeyAsync(F("api_key"), ct) ?? throw Fail(403, t["open311.key_invalid"]);
            var agency = await AgencyAsync(F("jurisdiction_id"), ct);
            if (agency.Id != client.AgencyId) throw Fail(403, t["open311.key_jurisdiction", agency.Code]);
            db.Scope.RunForAgency(agency.Id);
            if (limiter.TryAcquire(client.Id) is { } wait)
                throw new Failure(new Problem(400, [(429, t["open311.too_many", Math.Ceiling(wait.TotalSeconds)])], wait));
            var service = await FindServiceAsync(agency, F("service_code"), ct);

            var request = Read(F, form, service, out var errors);
            request.AgencyId = agency.Id;
            request.ClientId = client.Id;
            request.ServiceId = service.Id;
            request.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime;
            if (errors.Count == 0 && !ApiValidation.TryValidate(Open311Service.ToIntake(request, service), t, out var invalid))
                errors.AddRange(invalid.Values.SelectMany(v => v));
            if (errors.Count > 0) throw new Failure(new Problem(400, [.. errors.Select(e => (400, e))]));

            GeoValue id;
            string notice;
            try
            {
                if (service.Open311Type == Open311Type.Batch)
                {
                    await open311.SubmitBatchAsync(request, client, ct);
                    id = new GeoValue("token", request.Token);
                    notice = ui["Notice.Batch", service.Name].Value;
                }
                else
                {
                    var c = await open311.SubmitRealtimeAsync(request, service, client, ct);
                    id = new GeoValue("service_request_id", c.Number);
                    notice = ui["Notice.Received", service.Name, c.Number, c.TimeLimitDays, c.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
                }
            }
            catch (RuleViolation rule)
            {
                throw Fail(400, t[rule.Code, rule.Args]);
            }
            return new GeoResult(200, new GeoList("service_requests", "request",
                [new GeoObject("request", [id, new GeoValue("service_notice", notice), new GeoValue("account_id", request.AccountId)])]), f);
        }
        catch (Failure failure)
        {
            return Error(failure.Problem, f);
        }
    }

    /// <summary>The form's fields as an Open311 record, with every problem found (all of them, in one answer).</summary>
    private Open311Request Read(Func<string, string?> f, IFormCollection form, Service service, out List<string> errors)
    {
        var e = new List<string>();
        string? Text(string name, int max, bool multiline = false)
        {
            var v = f(name)?.Replace("\r\n", "\n", StringComparison.Ordinal);
            if (v is null) return null;
            if (v.Any(ch => char.IsControl(ch) && !(multiline && ch is '\n' or '\t'))) e.Add(t["open311.control_chars", name]);
            else if (v.EnumerateRunes().Count() > max) e.Add(t["open311.field_length", name, max]);
            return v;
        }
        double? Number(string name)
        {
            var v = f(name);
            if (v is null) return null;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
            e.Add(t["open311.number", name]);
            return null;
        }

        var r = new Open311Request
        {
            Latitude = Number("lat"), Longitude = Number("long"),
            AddressString = Text("address_string", 300), AddressId = Text("address_id", 100),
            Description = Text("description", DescriptionLimit, multiline: true), MediaUrl = Text("media_url", 1000),
            Email = Text("email", 200), Phone = Text("phone", 30), FirstName = Text("first_name", 50), LastName = Text("last_name", 50),
            DeviceId = Text("device_id", 100), AccountId = Text("account_id", 100),
        };
        if ((f("lat") is null) != (f("long") is null)) e.Add(t["open311.latlong_pair"]);
        if (f("lat") is null && f("long") is null && r.AddressString is null && r.AddressId is null) e.Add(t["open311.location_required"]);
        if (r.Description is not null && HtmlTag().IsMatch(r.Description)) e.Add(t["open311.description_html"]);
        if (r.MediaUrl is not null && !(Uri.TryCreate(r.MediaUrl, UriKind.Absolute, out var media) && media.Scheme is "http" or "https"))
            e.Add(t["open311.media_url"]);
        if (r.Email is not null && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(r.Email)) e.Add(t["open311.email"]);

        var answers = Attributes(form, service, e);
        if (answers.Count > 0) r.AttributesJson = JsonSerializer.Serialize(answers);
        errors = e;
        return r;
    }

    private Dictionary<string, string[]> Attributes(IFormCollection form, Service service, List<string> errors)
    {
        var given = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            var m = AttributeKey().Match(key);
            if (!m.Success) continue;
            var list = given.TryGetValue(m.Groups[1].Value, out var l) ? l : given[m.Groups[1].Value] = [];
            list.AddRange(values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()));
        }
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var a in service.Attributes.Where(a => a.Variable).OrderBy(a => a.Order))
        {
            var values = given.GetValueOrDefault(a.Code) ?? [];
            if (values.Count == 0)
            {
                if (a.Required) errors.Add(t["open311.attribute_required", a.Description, a.Code]);
                continue;
            }
            var keys = a.Choices().Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var before = errors.Count;
            if (a.Datatype != AttributeDatatype.MultiValueList && values.Count > 1) errors.Add(t["open311.attribute_single", a.Description]);
            foreach (var v in values)
            {
                var ok = a.Datatype switch
                {
                    AttributeDatatype.Number => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
                    AttributeDatatype.Datetime => ParseW3c(v) is not null,
                    AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList => keys.Contains(v),
                    AttributeDatatype.String => !v.Any(char.IsControl),
                    _ => !v.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t')),
                };
                if (!ok)
                    errors.Add(a.Datatype switch
                    {
                        AttributeDatatype.Number => t["open311.attribute_number", a.Description],
                        AttributeDatatype.Datetime => t["open311.attribute_datetime", a.Description],
                        AttributeDatatype.String => t["open311.attribute_line", a.Description],
                        AttributeDatatype.Text => t["open311.control_chars", a.Code],
                        _ => t["open311.attribute_choice", a.Description, v],
                    });
                var max = a.Datatype == AttributeDatatype.Text ? DescriptionLimit : 1000;
                if (v.Length > max) errors.Add(t["open311.attribute_length", a.Description, max]);
            }
            if (errors.Count == before) answers[a.Code] = [.. values.Distinct(StringComparer.Ordinal)];
        }
        return answers;
    }

    // --- plumbing

    private bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private async Task<IResult> Run(string format, HttpContext http, Func<GeoFormat, Agency, Task<GeoNode>> answer)
    {
        if (!GeoReportFormat.TryParse(format, out var f)) return NotAFormat(http);
        try
        {
            var agency = await AgencyAsync(Blank(http.Request.Query["jurisdiction_id"]), http.RequestAborted);
            db.Scope.RunForAgency(agency.Id);
            return new GeoResult(200, await answer(f, agency), f);
        }
        catch (Failure failure)
        {
            return Error(failure.Problem, f);
        }
    }

    /// <summary>The jurisdiction: an agency code; absent or empty is the home agency (a single-jurisdiction server).</summary>
    private async Task<Agency> AgencyAsync(string? jurisdiction, CancellationToken ct) =>
        await OrganisationReads.HomeAgencyAsync(db, jurisdiction, ct) ?? throw Fail(404, t["open311.jurisdiction_unknown", jurisdiction ?? ""]);

    private IResult NotAFormat(HttpContext http) =>
        Error(new Problem(404, [(404, t["open311.format"])]), http.Request.Path.Value?.EndsWith(".json", StringComparison.Ordinal) == true ? GeoFormat.Json : GeoFormat.Xml);

    private static GeoResult Error(Problem p, GeoFormat f) => new(p.Status, GeoReportFormat.Errors(p.Errors), f, p.RetryAfter);

    private static Failure Fail(int status, string description) => new(new Problem(status, [(status, description)]));

    private static string? Blank(StringValues v) => string.IsNullOrWhiteSpace(v.ToString()) ? null : v.ToString().Trim();

    private static bool Flag(StringValues v) => string.Equals(Blank(v), "true", StringComparison.OrdinalIgnoreCase);

    private static List<string> List(StringValues v) =>
        [.. v.SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().Take(MaxRequests)];

    private int? PositiveInt(StringValues v, int min, int max, string error, List<string> errors)
    {
        if (Blank(v) is not { } s) return null;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(t[error]);
        return null;
    }

    private DateTimeOffset? W3cDate(StringValues v, string name, List<string> errors)
    {
        if (Blank(v) is not { } s) return null;
        var parsed = ParseW3c(s);
        if (parsed is null) errors.Add(t["open311.date", name]);
        return parsed;
    }

    /// <summary>
    /// W3C date-time with its zone (Z or ±hh:mm); a bare date is the office's day. A "+" left unescaped in a query
    /// string arrives as a space: it is read as the "+" the client meant.
    /// </summary>
    public static DateTimeOffset? ParseW3c(string value)
    {
        var s = value.Trim();
        if (W3cDay().IsMatch(s))
            return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)) : null;
        s = SpaceForPlus().Replace(s, "+$1");
        if (!W3cTime().IsMatch(s)) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex W3cDay();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex W3cTime();

    [GeneratedRegex(@" (\d{2}:\d{2})$")]
    private static partial Regex SpaceForPlus();

    [GeneratedRegex(@"^attribute\[([^\[\]]+)\](\[\])?$")]
    private static partial Regex AttributeKey();

    /// <summary>A tag, a comment or a processing instruction: "no html or code" (spec, description).</summary>
    [GeneratedRegex(@"<\s*[/!?]?\s*[A-Za-z]")]
    private static partial Regex HtmlTag();
}

/// <summary>A GeoReport answer: UTF-8 XML or JSON with the spec's content types; never cached (requests change).</summary>
internal sealed class GeoResult(int status, GeoNode body, GeoFormat format, TimeSpan? retryAfter = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var bytes = GeoReportFormat.Write(body, format);
        http.Response.StatusCode = status;
        http.Response.ContentType = format == GeoFormat.Xml ? GeoReportFormat.XmlType : GeoReportFormat.JsonType;
        http.Response.Headers.CacheControl = "no-cache";
        if (retryAfter is { } wait) http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
