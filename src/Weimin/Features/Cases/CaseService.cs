using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Catalogue;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Cases;

public sealed class CaseOptions
{
    /// <summary>A case is "at risk" when this many working days or fewer are left.</summary>
    public int AtRiskWorkingDays { get; set; } = 1;
}

/// <summary>What intake produced: a case (with the tracking code to print once), a one-time notice, or both.</summary>
public sealed record IntakeResult(Case? Case, string? TrackingCode, OneTimeNotice? Notice);

/// <summary>
/// The writes on cases, shared by the staff pages, the API and (later) the portal and petitions: load → entity
/// method → save, in one transaction. Reads of a case go through the scope filters, so another agency's or
/// section's case is "not found".
/// </summary>
public sealed partial class CaseService(AppDb db, CalendarService calendars, OrganisationService org, TimeProvider clock, CaseOptions options, NoticeOutbox notices,
    ILogger<CaseService> log, Surveys.SurveyInvitations surveyInvitations)
{
    public int AtRiskDays => options.AtRiskWorkingDays;

    public DateOnly Today => clock.Today();

    public Task<OfficeCalendar> CalendarAsync(int agencyId, CancellationToken ct = default) => calendars.GetCalendarAsync(agencyId, ct);

    public async Task<IntakeResult> IntakeAsync(IntakeRequest request, CaseActor actor, CaseKind kind = CaseKind.Application, CancellationToken ct = default)
    {
        var service = await db.Set<Service>().Include(s => s.Documents)
                          .FirstOrDefaultAsync(s => s.Code == request.ServiceCode && s.IsActive, ct)
                      ?? throw new RuleViolation("case.service_unknown", request.ServiceCode);
        if (request.WindowId is { } windowId &&
            !await db.Set<SingleWindow>().AnyAsync(w => w.Id == windowId && w.IsActive && w.Services.Any(s => s.ServiceId == service.Id), ct))
            throw new RuleViolation("case.window_not_for_service");
        if (service.NeedsLocation && string.IsNullOrWhiteSpace(request.LocationText) && request.Latitude is null)
            throw new RuleViolation("case.location_required");
        if (request.NoticeChannel is NoticeChannel.Sms or NoticeChannel.Phone && string.IsNullOrWhiteSpace(request.ApplicantPhone))
            throw new RuleViolation("case.phone_required_for_notice");
        if (request.NoticeChannel == NoticeChannel.Email && string.IsNullOrWhiteSpace(request.ApplicantEmail))
            throw new RuleViolation("case.email_required_for_notice");
        if (request.NoticeChannel == NoticeChannel.Letter && string.IsNullOrWhiteSpace(request.ApplicantAddress))
            throw new RuleViolation("case.address_required_for_notice");
        if (request.NoticeChannel != NoticeChannel.None && !request.NoticeConsent)
            throw new RuleViolation("case.consent_required");
        var known = service.Documents.Select(d => d.Id).ToHashSet();
        if (request.Documents.FirstOrDefault(d => !known.Contains(d.RequiredDocumentId)) is { } stranger)
            throw new RuleViolation("case.document_unknown", stranger.RequiredDocumentId);

        var states = service.Documents.OrderBy(d => d.SortOrder).Select(d =>
        {
            var given = request.Documents.LastOrDefault(x => x.RequiredDocumentId == d.Id)?.State;
            // The office fetches electronically verifiable documents itself: they are never "missing".
            var state = given ?? (d.ElectronicVerification ? CaseDocumentState.VerifiedElectronically : d.IsRequired ? CaseDocumentState.Missing : CaseDocumentState.NotApplicable);
            if (state == CaseDocumentState.Missing && !d.IsRequired) state = CaseDocumentState.NotApplicable;
            return (Document: d, State: state);
        }).ToList();
        var missing = states.Where(s => s.State == CaseDocumentState.Missing).Select(s => s.Document).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        OneTimeNotice? notice = missing.Count == 0 ? null : new OneTimeNotice
        {
            AgencyId = service.AgencyId, ServiceId = service.Id, ApplicantName = request.ApplicantName.Trim(), IssuedAtUtc = now, IssuedOn = today,
            IssuedByStaffId = actor.StaffId, IssuedByName = actor.Name, Note = request.NoticeNote?.Trim(),
            Items = missing.Select((d, i) => new OneTimeNoticeItem { Name = d.Name, NameEn = d.NameEn, Note = d.Note, SortOrder = i }).ToList(),
        };
        if (notice is not null && request.WhenMissing == WhenMissing.NotTaken)
        {
            db.Add(notice);
            await db.SaveChangesAsync(ct);
            return new IntakeResult(null, null, notice);
        }

        var calendar = await calendars.GetCalendarAsync(service.AgencyId, ct);
        var number = await NextNumberAsync(service.AgencyId, today, ct);
        var code = NewTrackingCode();
        var applicant = new CaseApplicant(request.ApplicantName, Blank(request.ApplicantPhone), Blank(request.ApplicantEmail),
            Blank(request.ApplicantAddress), request.NoticeChannel, request.NoticeConsent, request.Language);
        var c = Case.Receive(service, service.NeedsLocation ? CaseKind.Repair : kind, number, HashCode(code), request.Channel, applicant,
            actor, calendar, now, today, missing.Count > 0);
        c.WindowId = request.WindowId;
        c.IntakeStaffId = actor.StaffId;
        c.Subject = Blank(request.Subject);
        c.Details = Blank(request.Details);
        c.LocationText = Blank(request.LocationText);
        c.Latitude = request.Latitude;
        c.Longitude = request.Longitude;
        c.Documents = states.Select(s => new CaseDocument { RequiredDocumentId = s.Document.Id, Name = s.Document.Name, State = s.State }).ToList();
        c.OfficerId = await ChooseOfficerAsync(service, today, ct);
        db.Add(c);
        if (notice is not null)
        {
            notice.Case = c; // one SaveChanges: the case, its one-time notice and its outbox rows, or none of them
            db.Add(notice);
        }
        // Notices commit with the case. Taken in awaiting supplement, the applicant hears what to bring instead of a due date.
        var serviceName = new Dictionary<string, string> { ["service"] = c.Language.StartsWith("en", StringComparison.Ordinal) && service.NameEn is { Length: > 0 } en ? en : service.Name };
        if (missing.Count == 0)
            notices.Enqueue(c, NoticeEvent.Acknowledgement, serviceName);
        else
            notices.Enqueue(c, NoticeEvent.SupplementRequest, new Dictionary<string, string>(serviceName)
            {
                ["documents"] = string.Join("\n", missing.Select(d => "・" + (c.Language.StartsWith("en", StringComparison.Ordinal) && d.NameEn is { Length: > 0 } en ? en : d.Name))),
                ["reason"] = request.NoticeNote?.Trim() ?? "",
            });
        // Everything logged from here on (EF errors included) names the case; the request id comes from the host's scope.
        using var scope = log.BeginScope(new Dictionary<string, object> { ["CaseNumber"] = c.Number });
        await db.SaveChangesAsync(ct);
        TakenIn(log, c.Number, service.Code, c.Channel, c.Status);
        return new IntakeResult(c, code, notice);
    }

    public Task<Case?> FindAsync(long id, CancellationToken ct = default) =>
        db.Set<Case>().Include(c => c.Events).Include(c => c.Documents).Include(c => c.Extensions).Include(c => c.Service)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>Loads the case, checks the version the caller saw, applies the change and saves; null when not found.</summary>
    public async Task<Case?> ChangeAsync(long id, int? expectedVersion, Func<Case, OfficeCalendar, DateTime, DateOnly, Task> change, CancellationToken ct = default)
    {
        var c = await db.Set<Case>().Include(x => x.Extensions).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        if (expectedVersion is { } v && v != c.Version) throw new RuleViolation("case.stale");
        using var scope = log.BeginScope(new Dictionary<string, object> { ["CaseNumber"] = c.Number });
        var calendar = await calendars.GetCalendarAsync(c.AgencyId, ct);
        var before = c.Status;
        await change(c, calendar, clock.GetUtcNow().UtcDateTime, clock.Today());
        c.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            Changed(log, c.Number, before, c.Status, c.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleViolation("case.stale");
        }
        return c;
    }

    public Task<Case?> StartAsync(long id, int? version, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, _) => { c.Start(actor, now); return Task.CompletedTask; }, ct);

    public Task<Case?> RequestSupplementAsync(long id, int? version, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, today) =>
        {
            c.RequestSupplement(note, actor, now, today);
            notices.Enqueue(c, NoticeEvent.SupplementRequest, new Dictionary<string, string> { ["documents"] = note?.Trim() ?? "", ["reason"] = "" });
            return Task.CompletedTask;
        }, ct);

    public Task<Case?> SupplementedAsync(long id, int? version, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (c, cal, now, today) =>
        {
            c.Supplemented(note, actor, cal, now, today);
            var docs = await db.Set<CaseDocument>().Where(d => d.CaseId == c.Id && d.State == CaseDocumentState.Missing).ToListAsync(ct);
            foreach (var d in docs) d.State = CaseDocumentState.SuppliedLater;
        }, ct);

    /// <summary>展期 needs an approver: the section head, the chief or the secretariat.</summary>
    public Task<Case?> ExtendAsync(long id, int? version, int workingDays, string reason, CaseActor approver, IEnumerable<string> approverRoles, CancellationToken ct = default)
    {
        var roles = approverRoles.ToHashSet();
        if (approver.StaffId is null || !(roles.Contains(Roles.SectionHead) || roles.Contains(Roles.Chief) || roles.Contains(Roles.Secretariat) || roles.Contains(Roles.AgencyAdmin)))
            throw new RuleViolation("case.extension_approver");
        return ChangeAsync(id, version, (c, cal, now, _) =>
        {
            NotAPetition(c);
            var extension = c.Extend(workingDays, reason, approver.StaffId.Value, approver, cal, now);
            notices.Enqueue(c, NoticeEvent.Extension, new Dictionary<string, string>
            {
                ["reason"] = extension.Reason, ["newDue"] = extension.NewDueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });
            return Task.CompletedTask;
        }, ct);
    }

    public Task<Case?> TransferToSectionAsync(long id, int? version, int sectionId, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (c, _, now, today) =>
        {
            // The target section may be outside a section-bound caller's scope; it must be in the case's agency.
            var section = await db.Set<Section>().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == sectionId && s.AgencyId == c.AgencyId && s.IsActive, ct)
                          ?? throw new RuleViolation("org.section_unknown");
            var service = await db.Set<Service>().IgnoreQueryFilters().FirstAsync(s => s.Id == c.ServiceId, ct);
            var officer = service.SectionId == section.Id ? await ChooseOfficerAsync(service, today, ct) : null;
            c.TransferToSection(section.Id, officer, note, actor, now);
        }, ct);

    public Task<Case?> TransferToAgencyAsync(long id, int? version, string agency, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, _) =>
        {
            NotAPetition(c);
            c.TransferToAgency(agency, note, actor, now);
            notices.Enqueue(c, NoticeEvent.Transferred, new Dictionary<string, string> { ["reason"] = c.TransferredTo ?? agency });
            return Task.CompletedTask;
        }, ct);

    public Task<Case?> AssignAsync(long id, int? version, int officerId, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (c, _, now, _) =>
        {
            var ok = await db.Set<Staff>().IgnoreQueryFilters().AnyAsync(s => s.Id == officerId && s.AgencyId == c.AgencyId && s.IsActive && s.SectionId == c.SectionId, ct);
            if (!ok) throw new RuleViolation("case.officer_not_in_section");
            c.Assign(officerId, actor, now);
        }, ct);

    public Task<Case?> CompleteAsync(long id, int? version, string result, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (c, cal, now, today) =>
        {
            NotAPetition(c);
            c.Complete(result, actor, cal, now, today);
            notices.Enqueue(c, NoticeEvent.Completion);
            await surveyInvitations.AddForCompletedCaseAsync(c, ct);
        }, ct);

    /// <summary>領件通知, once per case: the result waits at the counter; <paramref name="note"/> (where, until when) goes into the notice.</summary>
    public Task<Case?> ReadyForPickupAsync(long id, int? version, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (c, _, now, _) =>
        {
            if (await db.Set<CaseEvent>().AnyAsync(e => e.CaseId == c.Id && e.Type == CaseEventType.ReadyForPickup, ct))
                throw new RuleViolation("case.pickup_already");
            c.ReadyForPickup(note, actor, now);
            notices.Enqueue(c, NoticeEvent.ReadyForPickup, new Dictionary<string, string> { ["reason"] = note?.Trim() ?? "" }, $"pickup:{c.Id}");
        }, ct);

    public Task<Case?> CloseAsync(long id, int? version, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, _) => { c.Close(note, actor, now); return Task.CompletedTask; }, ct);

    public Task<Case?> RejectAsync(long id, int? version, string reason, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, _) =>
        {
            NotAPetition(c);
            c.Reject(reason, actor, now);
            notices.Enqueue(c, NoticeEvent.Rejection, new Dictionary<string, string> { ["reason"] = c.Result ?? reason });
            return Task.CompletedTask;
        }, ct);

    public Task<Case?> WithdrawAsync(long id, int? version, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, _) => { c.Withdraw(note, actor, now); return Task.CompletedTask; }, ct);

    public Task<Case?> MergeAsync(long id, int? version, string intoNumber, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (c, _, now, _) =>
        {
            NotAPetition(c);
            var into = await db.Set<Case>().FirstOrDefaultAsync(x => x.Number == intoNumber && x.AgencyId == c.AgencyId, ct)
                       ?? throw new RuleViolation("case.not_found");
            c.MergeInto(into, actor, now);
        }, ct);

    public Task<Case?> NoteAsync(long id, int? version, string note, bool isPublic, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, (c, _, now, _) => { c.Note(note, isPublic, actor, now); return Task.CompletedTask; }, ct);

    /// <summary>
    /// A new tracking code for a lost or unprinted receipt. Returns the code to show once; only its hash is kept, and
    /// the old code stops working at once.
    /// </summary>
    public async Task<(Case, string Code)?> ReissueTrackingCodeAsync(long id, CaseActor actor, CancellationToken ct = default)
    {
        var code = NewTrackingCode();
        var c = await ChangeAsync(id, null, (c, _, now, _) => { c.ReissueTrackingCode(HashCode(code), actor, now); return Task.CompletedTask; }, ct);
        return c is null ? null : (c, code);
    }

    /// <summary>
    /// A petition is answered, extended, forwarded, merged or set aside by the rules of petition handling (the reply,
    /// the rating invitation, the 30-day ceiling: <see cref="Petitions.PetitionService"/>); the generic paths refuse it.
    /// </summary>
    public static void NotAPetition(Case c)
    {
        if (c.Kind == CaseKind.Petition) throw new RuleViolation("case.petition_flow", c.Id);
    }

    /// <summary>The signed-in staff member as a case actor.</summary>
    public async Task<CaseActor> ActorAsync(CancellationToken ct = default)
    {
        if (db.Scope.StaffId is not { } staffId) return new CaseActor(null, "system");
        var name = await db.Set<Staff>().IgnoreQueryFilters().Where(s => s.Id == staffId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        return new CaseActor(staffId, name ?? "staff");
    }

    /// <summary>Service → section → officer: the default officer or the next in turn, and the deputy while they are away.</summary>
    internal async Task<int?> ChooseOfficerAsync(Service service, DateOnly today, CancellationToken ct)
    {
        int? chosen = service.DefaultOfficerId;
        if (service.Assignment == AssignmentMode.RoundRobin || chosen is null)
        {
            var officerRole = await db.Set<IdentityRole>().Where(r => r.Name == Roles.Officer).Select(r => r.Id).FirstOrDefaultAsync(ct);
            var candidates = await db.Set<Staff>().IgnoreQueryFilters()
                .Where(s => s.AgencyId == service.AgencyId && s.SectionId == service.SectionId && s.IsActive
                            && db.Set<Accounts.AppUser>().Any(u => u.StaffId == s.Id && db.Set<IdentityUserRole<string>>().Any(r => r.UserId == u.Id && r.RoleId == officerRole)))
                .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            if (candidates.Count == 0 && chosen is null)
                candidates = await db.Set<Staff>().IgnoreQueryFilters()
                    .Where(s => s.AgencyId == service.AgencyId && s.SectionId == service.SectionId && s.IsActive)
                    .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            if (candidates.Count > 0 && (service.Assignment == AssignmentMode.RoundRobin || chosen is null))
            {
                var last = await db.Set<Case>().IgnoreQueryFilters().Where(c => c.ServiceId == service.Id && c.OfficerId != null)
                    .OrderByDescending(c => c.Id).Select(c => c.OfficerId).FirstOrDefaultAsync(ct);
                chosen = candidates.FirstOrDefault(id => last is null || id > last, candidates[0]);
            }
        }
        return chosen is { } officer ? await org.StandInForAsync(officer, today, ct) : null;
    }

    /// <summary>民國年月日-序號, e.g. 1151122-0007: the sequence comes from an atomic upsert, so concurrent intakes never collide.</summary>
    internal async Task<string> NextNumberAsync(int agencyId, DateOnly day, CancellationToken ct)
    {
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO case_number_counters (agency_id, day, next) VALUES ({agencyId}, {day}, 1)
            ON CONFLICT (agency_id, day) DO UPDATE SET next = case_number_counters.next + 1
            RETURNING next AS "Value"
            """).ToListAsync(ct);
        return $"{Dates.RocYear(day)}{day.Month:00}{day.Day:00}-{next[0]:0000}";
    }

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>8 characters from 32 symbols: 2^40 codes, printed on the receipt; only its hash is kept.</summary>
    public static string NewTrackingCode()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var sb = new StringBuilder(8);
        foreach (var b in bytes) sb.Append(CodeAlphabet[b & 31]);
        return sb.ToString();
    }

    public static string HashCode(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal))));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Case {CaseNumber} taken in: service {ServiceCode}, channel {Channel}, status {Status}")]
    private static partial void TakenIn(ILogger log, string caseNumber, string serviceCode, CaseChannel channel, CaseStatus status);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Case {CaseNumber} changed: {From} → {To} (version {Version})")]
    private static partial void Changed(ILogger log, string caseNumber, CaseStatus from, CaseStatus to, int version);
}
