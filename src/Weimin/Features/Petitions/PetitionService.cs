using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Audit;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

/// <summary>What intake produced: the case, its petition, and the tracking code to show once.</summary>
public sealed record PetitionCreated(Case Case, Petition Petition, string TrackingCode);

/// <summary>A sealed identity as shown, after the view was logged.</summary>
public sealed record OpenedIdentity(string Name, string? OrganisationName, string? Phone, string? Email, string? Address);

/// <summary>
/// The writes on petitions, media items and tracked items, over the case engine (<see cref="CaseService"/>): the case
/// carries deadline, timeline and status; this adds what the petition rules need, in the same transaction.
/// </summary>
public sealed partial class PetitionService(
    AppDb db, CaseService cases, SealedDataAudit sealedAudit, NoticeOutbox notices, NoticeOptions noticeOptions, PetitionOptions options, TimeProvider clock)
{
    /// <summary>Hidden catalogue entries (inactive: never offered at a counter or online) that petitions, media and tracked items hang on.</summary>
    public const string PetitionServiceCode = "petition";
    public const string MediaServiceCode = "media-item";
    public const string TrackedServiceCode = "tracked-item";

    public async Task<PetitionCreated> IntakeAsync(PetitionIntake r, CaseActor actor, int agencyId, CancellationToken ct = default)
    {
        var today = clock.Today();
        var category = await db.Set<PetitionCategory>().IgnoreQueryFilters()
                           .FirstOrDefaultAsync(c => c.AgencyId == agencyId && c.Code == r.CategoryCode && c.IsActive, ct)
                       ?? throw new RuleViolation("petition.category_unknown", r.CategoryCode);
        if (r.Channel.IsOral() && !r.RecordReadBack) throw new RuleViolation("petition.read_back_required");
        if (r.ReceivedOn is { } on && on > today) throw new RuleViolation("petition.received_in_future");
        if (r.PetitionerKind != PetitionerKind.Person && string.IsNullOrWhiteSpace(r.OrganisationName)) throw new RuleViolation("petition.organisation_required");
        if (r.NoticeChannel is NoticeChannel.Sms or NoticeChannel.Phone && string.IsNullOrWhiteSpace(r.Phone)) throw new RuleViolation("case.phone_required_for_notice");
        if (r.NoticeChannel == NoticeChannel.Email && string.IsNullOrWhiteSpace(r.Email)) throw new RuleViolation("case.email_required_for_notice");
        if (r.NoticeChannel == NoticeChannel.Letter && string.IsNullOrWhiteSpace(r.Address)) throw new RuleViolation("case.address_required_for_notice");
        if (r.NoticeChannel != NoticeChannel.None && !r.NoticeConsent) throw new RuleViolation("case.consent_required");
        var external = Blank(r.ExternalNumber);
        if (external is not null && await db.Set<Petition>().IgnoreQueryFilters().AnyAsync(p => p.AgencyId == agencyId && p.ExternalNumber == external, ct))
            throw new RuleViolation("petition.duplicate_external", external);

        var service = await HiddenServiceAsync(agencyId, PetitionServiceCode, category.SectionId, ct);
        var calendar = await cases.CalendarAsync(agencyId, ct);
        var receivedOn = r.ReceivedOn ?? today;
        var name = Blank(r.Name);
        var sealedIdentity = r.IsReport || category.IsReport || r.Confidential;
        var applicant = sealedIdentity
            ? new CaseApplicant(Petition.SealedName, null, null, null, r.NoticeChannel, r.NoticeConsent, r.Language)
            : new CaseApplicant(name ?? Petition.UnnamedName, Blank(r.Phone), Blank(r.Email), Blank(r.Address), r.NoticeChannel, r.NoticeConsent, r.Language);
        var code = CaseService.NewTrackingCode();
        var number = await cases.NextNumberAsync(agencyId, today, ct);
        var c = Case.Receive(service, CaseKind.Petition, number, CaseService.HashCode(code), r.Channel.CaseChannel(), applicant, actor, calendar,
            clock.GetUtcNow().UtcDateTime, receivedOn, missingDocuments: false);
        c.SectionId = category.SectionId;
        c.TimeLimitDays = PetitionDeadlines.LimitFor(options, r.Channel, category.Code);
        c.DueOn = Deadline.Due(calendar, receivedOn, c.TimeLimitDays, 0, 0);
        c.Subject = r.Subject.Trim();
        c.Details = r.Details.Trim();
        c.LocationText = Blank(r.LocationText);
        c.IntakeStaffId = actor.StaffId;
        var routing = new Service { Id = service.Id, AgencyId = agencyId, SectionId = category.SectionId, Assignment = AssignmentMode.RoundRobin, Code = service.Code, Name = service.Name };
        c.OfficerId = await cases.ChooseOfficerAsync(routing, today, ct);

        var petition = new Petition
        {
            Case = c, AgencyId = agencyId, Channel = r.Channel, CategoryId = category.Id, IsReport = r.IsReport || category.IsReport,
            Sealed = sealedIdentity, PetitionerKind = r.PetitionerKind,
            OrganisationName = sealedIdentity ? null : Blank(r.OrganisationName),
            NoIdentity = name is null || (Blank(r.Phone) ?? Blank(r.Email) ?? Blank(r.Address)) is null,
            PublishConsent = r.PublishConsent && !sealedIdentity, ExternalNumber = external,
            RecordReadBack = r.Channel.IsOral() ? true : null, RecordConfirmation = Blank(r.RecordConfirmation), RecordCorrections = Blank(r.RecordCorrections),
        };
        if (sealedIdentity)
            petition.SealedIdentity = new PetitionIdentity
            {
                AgencyId = agencyId, Name = name ?? Petition.UnnamedName, OrganisationName = Blank(r.OrganisationName),
                Phone = Blank(r.Phone), Email = Blank(r.Email), Address = Blank(r.Address),
            };
        db.Add(c);
        db.Add(petition);
        // A sealed petitioner's contact is not on the case, so the outbox finds none and queues nothing: see Notify.
        notices.Enqueue(c, NoticeEvent.Acknowledgement, ServiceName(c));
        await db.SaveChangesAsync(ct);
        return new PetitionCreated(c, petition, code);
    }

    /// <summary>The petition with its case, in the caller's scope (another agency's or section's is not found).</summary>
    public async Task<Petition?> FindAsync(long caseId, CancellationToken ct = default)
    {
        var c = await cases.FindAsync(caseId, ct);
        if (c is null) return null;
        var p = await db.Set<Petition>().Include(x => x.Category).FirstOrDefaultAsync(x => x.CaseId == caseId, ct);
        if (p is not null) p.Case = c;
        return p;
    }

    /// <summary>
    /// May this reader open a sealed identity? Only those who must: the chief, the secretariat's petition staff (專責人員),
    /// the case's officer and the head of its section. Everyone else sees 身分保密, with a stated reason or not.
    /// </summary>
    public static bool MayOpenIdentity(Case c, IReadOnlySet<string> roles, int? staffId, int? sectionId) =>
        roles.Contains(Roles.Chief) || roles.Contains(Roles.Secretariat)
        || (roles.Contains(Roles.Officer) && staffId is not null && c.OfficerId == staffId)
        || (roles.Contains(Roles.SectionHead) && sectionId is not null && c.SectionId == sectionId);

    /// <summary>Opens a sealed identity: refused without the right or a reason; the view is logged before anything is shown.</summary>
    public async Task<OpenedIdentity?> OpenIdentityAsync(long caseId, string? reason, IReadOnlySet<string> roles, CancellationToken ct = default)
    {
        var p = await FindAsync(caseId, ct);
        if (p is null || !p.Sealed) return null;
        var sectionId = db.Scope.StaffId is { } me
            ? await db.Set<Staff>().IgnoreQueryFilters().Where(s => s.Id == me).Select(s => s.SectionId).FirstOrDefaultAsync(ct)
            : null;
        if (!MayOpenIdentity(p.Case!, roles, db.Scope.StaffId, sectionId)) throw new RuleViolation("petition.identity_forbidden");
        var identity = await db.Set<PetitionIdentity>().AsNoTracking().FirstOrDefaultAsync(i => i.CaseId == caseId, ct);
        if (identity is null) return null;
        var fields = new[] { "Name", identity.OrganisationName is null ? null : "Organisation", identity.Phone is null ? null : "Phone",
            identity.Email is null ? null : "Email", identity.Address is null ? null : "Address" }.OfType<string>();
        await sealedAudit.RecordViewAsync("Petition", p.Case!.Number, p.AgencyId, reason, fields, ct);
        return new OpenedIdentity(identity.Name, identity.OrganisationName, identity.Phone, identity.Email, identity.Address);
    }

    /// <summary>Seals a petition's identity after intake (any petition may be made confidential; there is no unsealing).</summary>
    public Task<Case?> SealAsync(long caseId, int? version, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, version, (c, p, _, now, _) =>
        {
            if (p.Sealed) throw new RuleViolation("petition.already_sealed");
            p.Sealed = true;
            p.PublishConsent = false;
            p.Published = false;
            db.Add(new PetitionIdentity
            {
                CaseId = c.Id, AgencyId = c.AgencyId, Name = c.ApplicantName, OrganisationName = p.OrganisationName,
                Phone = c.ApplicantPhone, Email = c.ApplicantEmail, Address = c.ApplicantAddress,
            });
            p.OrganisationName = null;
            c.ApplicantName = Petition.SealedName;
            c.ApplicantPhone = c.ApplicantEmail = c.ApplicantAddress = c.PhoneLast4 = null;
            c.Note("身分保密 · identity sealed", isPublic: false, actor, now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>要點 第14點: registered but not handled (存查), with the rule, and for a repeat the earlier answer.</summary>
    public Task<Case?> CloseUnhandledAsync(long caseId, int? version, UnhandledRule rule, string? earlierNumber, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, version, async (c, p, _, now, _) =>
        {
            if (!Enum.IsDefined(rule)) throw new RuleViolation("petition.rule_unknown");
            Case? earlier = null;
            Petition? earlierPetition = null;
            if (!string.IsNullOrWhiteSpace(earlierNumber))
            {
                earlier = await db.Set<Case>().IgnoreQueryFilters().FirstOrDefaultAsync(x => x.AgencyId == c.AgencyId && x.Number == earlierNumber.Trim(), ct)
                          ?? throw new RuleViolation("petition.earlier_unknown", earlierNumber.Trim());
                earlierPetition = await db.Set<Petition>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == earlier.Id, ct);
            }
            p.CloseUnhandled(rule, rule == UnhandledRule.RepeatAnswered ? earlier : null, note);
            var reason = rule switch
            {
                UnhandledRule.RepeatAnswered => $"要點第14點第2款：同一事由已於 {Dates.Format(earlierPetition?.RepliedOn ?? earlier!.CompletedOn ?? earlier!.ReceivedOn, DateStyle.Roc, chinese: true)} 以案號 {earlier!.Number}" +
                                                (earlierPetition?.ReplyLetterNumber is { } no ? $"（{no}）" : "") + " 明確答復，存查",
                UnhandledRule.CopyToSeveralAgencies => $"要點第14點第3款：同一事由已分向各主管機關陳情（{p.UnhandledNote}），存查",
                _ => "要點第14點第1款：無具體內容或未具真實姓名或聯絡方式，存查",
            };
            c.Reject(p.UnhandledNote is null || rule == UnhandledRule.CopyToSeveralAgencies ? reason : $"{reason}。{p.UnhandledNote}", actor, now);
            // (二): the petitioner is told, by letter or their chosen way, the date and number of the answer already given.
            if (rule == UnhandledRule.RepeatAnswered) notices.Enqueue(c, NoticeEvent.Rejection, With(c, ("reason", c.Result!)), $"petition-repeat:{c.Id}");
        }, ct);

    /// <summary>併案: a repeated petition joins the one already being handled; its petitioner gets that one's reply.</summary>
    public Task<Case?> MergeAsync(long caseId, int? version, string intoNumber, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, version, async (c, _, _, now, _) =>
        {
            var into = await db.Set<Case>().FirstOrDefaultAsync(x => x.Number == intoNumber.Trim() && x.AgencyId == c.AgencyId && x.Kind == CaseKind.Petition, ct)
                       ?? throw new RuleViolation("petition.merge_target_unknown", intoNumber.Trim());
            if (into.MergedIntoId is not null) throw new RuleViolation("petition.merge_target_merged");
            c.MergeInto(into, actor, now);
        }, ct);

    /// <summary>移文 (行政程序法 §172): to the competent agency, and the petitioner is told.</summary>
    public Task<Case?> ForwardAsync(long caseId, int? version, string agency, string? note, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, version, (c, p, _, now, _) =>
        {
            c.TransferToAgency(agency, note, actor, now);
            p.ForwardedTo = c.TransferredTo;
            notices.Enqueue(c, NoticeEvent.PetitionForwarded, With(c, ("reason", c.TransferredTo!)), $"petition-forward:{c.Id}");
            return Task.CompletedTask;
        }, ct);

    /// <summary>展期 with the reason told to the petitioner in writing.</summary>
    public Task<Case?> ExtendAsync(long caseId, int? version, int days, string reason, CaseActor approver, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var set = roles.ToHashSet();
        if (approver.StaffId is null || !(set.Contains(Roles.SectionHead) || set.Contains(Roles.Chief) || set.Contains(Roles.Secretariat) || set.Contains(Roles.AgencyAdmin)))
            throw new RuleViolation("case.extension_approver");
        return ChangeAsync(caseId, version, (c, p, cal, now, _) =>
        {
            var extension = c.Extend(days, reason, approver.StaffId.Value, approver, cal, now);
            // 延長理由以書面告知陳情人.
            notices.Enqueue(c, NoticeEvent.Extension, With(c, ("reason", extension.Reason),
                ("newDue", extension.NewDueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>答復: the reply completes the case; a one-use rating link goes to the petitioner with the reply notice.</summary>
    public async Task<(Case Case, string RatingToken)?> ReplyAsync(long caseId, int? version, string reply, string? replyEn, string? letterNumber, CaseActor actor, CancellationToken ct = default)
    {
        var token = CaseService.NewTrackingCode() + CaseService.NewTrackingCode();
        var c = await ChangeAsync(caseId, version, async (c, p, cal, now, today) =>
        {
            p.RecordReply(reply, replyEn, letterNumber, c.Language == "en", actor.StaffId, now, today);
            c.Complete(c.Language == "en" ? p.ReplyEn! : p.Reply!, actor, cal, now, today);
            p.RatingTokenHash = CaseService.HashCode(token);
            var link = RatingLink(token);
            notices.Enqueue(c, NoticeEvent.PetitionReply, With(c, ("result", c.Result!), ("link", link)), $"petition-reply:{c.Id}");
            notices.Enqueue(c, NoticeEvent.RatingInvitation, With(c, ("link", link)), $"petition-rating:{c.Id}");
            // 併案: the petitioners of the petitions merged into this one get the same answer.
            var merged = await db.Set<Case>().IgnoreQueryFilters().Where(x => x.MergedIntoId == c.Id && x.AgencyId == c.AgencyId).ToListAsync(ct);
            foreach (var m in merged)
                notices.Enqueue(m, NoticeEvent.PetitionReply, With(m, ("result", m.Language == "en" && p.ReplyEn is not null ? p.ReplyEn : p.Reply!),
                    ("link", TrackingLink(m.Number))), $"petition-reply:{m.Id}");
        }, ct);
        return c is null ? null : (c, token);
    }

    public string RatingLink(string token) => $"{noticeOptions.PublicBaseUrl.TrimEnd('/')}/rate/{token}";

    private string TrackingLink(string number) => $"{noticeOptions.PublicBaseUrl.TrimEnd('/')}/track/{Uri.EscapeDataString(number)}";

    private static Dictionary<string, string> ServiceName(Case c) =>
        new() { ["service"] = c.Language.StartsWith("en", StringComparison.Ordinal) ? "Petition" : "人民陳情" };

    private static Dictionary<string, string> With(Case c, params (string Key, string Value)[] values)
    {
        var d = ServiceName(c);
        foreach (var (k, v) in values) d[k] = v;
        return d;
    }

    /// <summary>The petitioner's rating through the one-use link; false when the link is unknown or already used.</summary>
    public async Task<bool> RateAsync(string token, PetitionRating rating, string? comment, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64) return false;
        if (!Enum.IsDefined(rating)) throw new RuleViolation("petition.rating_unknown");
        var hash = CaseService.HashCode(token);
        var p = await db.Set<Petition>().IgnoreQueryFilters().FirstOrDefaultAsync(x => x.RatingTokenHash == hash, ct);
        if (p is null) return false;
        p.Rate(rating, comment, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> RatingLinkValidAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64) return false;
        var hash = CaseService.HashCode(token);
        return await db.Set<Petition>().IgnoreQueryFilters().AnyAsync(x => x.RatingTokenHash == hash, ct);
    }

    /// <summary>The chief's review of a dissatisfied rating: review, finding and improvement measure.</summary>
    public Task<Case?> ReviewAsync(long caseId, string review, string finding, string improvement, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, null, (c, p, _, now, _) =>
        {
            if (actor.StaffId is not { } staffId) throw new RuleViolation("petition.review_staff_only");
            p.RecordReview(staffId, review, finding, improvement, now);
            c.Note("不滿意案件檢討 · review of a dissatisfied rating recorded", isPublic: false, actor, now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>公所回覆區: the texts as the officer edited them, scrubbed once more of anything that looks personal.</summary>
    public Task<Case?> PublishAsync(long caseId, int? version, string subject, string question, string reply, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, version, (c, p, _, now, _) =>
        {
            string[] names = [c.ApplicantName, p.OrganisationName ?? ""];
            p.Publish(Scrub(subject, names), Scrub(question, names), Scrub(reply, names), now);
            c.Note("公開於公所回覆區 · published in the public reply area", isPublic: false, actor, now);
            return Task.CompletedTask;
        }, ct);

    public Task<Case?> UnpublishAsync(long caseId, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, null, (c, p, _, now, _) =>
        {
            p.Published = false;
            c.Note("自公所回覆區撤下 · removed from the public reply area", isPublic: false, actor, now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Removes what reads as personal data: the petitioner's names, phone numbers, e-mail addresses, national ID numbers, street numbers.</summary>
    public static string Scrub(string text, IEnumerable<string> names)
    {
        var s = text;
        foreach (var n in names.Where(n => n.Trim().Length >= 2 && n != Petition.SealedName && n != Petition.UnnamedName))
            s = s.Replace(n.Trim(), "○○○", StringComparison.Ordinal);
        s = EmailPattern().Replace(s, "○○○");
        s = IdPattern().Replace(s, "○○○");
        s = PhonePattern().Replace(s, "○○○");
        s = HouseNumberPattern().Replace(s, "○號");
        return s;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Za-z][1289]\d{8}\b")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(\+?886[\s-]?|\(0\d\)\s?|0)\d[\d\s-]{6,}\d")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\d+\s*號")]
    private static partial Regex HouseNumberPattern();

    // ---- media items and tracked items

    public async Task<Case> LogMediaItemAsync(MediaItemInput r, CaseActor actor, int agencyId, CancellationToken ct = default)
    {
        var section = await SectionAsync(agencyId, r.SectionId, ct);
        var today = clock.Today();
        if (r.SeenOn is { } seen && seen > today) throw new RuleViolation("petition.received_in_future");
        var service = await HiddenServiceAsync(agencyId, MediaServiceCode, section, ct);
        var c = await NewTrackedCaseAsync(service, section, r.Title, r.Summary, actor, ct);
        if (r.NeedsResponse)
        {
            c.TimeLimitDays = Math.Max(0, options.MediaResponseDays);
            c.DueOn = Deadline.Due(await cases.CalendarAsync(agencyId, ct), c.ReceivedOn, c.TimeLimitDays, 0, 0);
        }
        else
        {
            c.Complete("無須回應 · no response needed", actor, await cases.CalendarAsync(agencyId, ct), c.ReceivedAtUtc, today);
        }
        db.Add(c);
        db.Add(new MediaItem { Case = c, AgencyId = agencyId, Source = r.Source.Trim(), Link = Blank(r.Link), SeenOn = r.SeenOn ?? today, NeedsResponse = r.NeedsResponse });
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task<Case> AddTrackedItemAsync(TrackedItemInput r, CaseActor actor, int agencyId, CancellationToken ct = default)
    {
        var section = await SectionAsync(agencyId, r.SectionId, ct);
        var today = clock.Today();
        if (r.DueOn is not { } due || due <= today) throw new RuleViolation("petition.due_in_past");
        var calendar = await cases.CalendarAsync(agencyId, ct);
        var service = await HiddenServiceAsync(agencyId, TrackedServiceCode, section, ct);
        var c = await NewTrackedCaseAsync(service, section, r.Title, r.Details, actor, ct);
        c.TimeLimitDays = Math.Max(1, calendar.WorkingDaysBetween(today, due));
        c.DueOn = Deadline.Due(calendar, today, c.TimeLimitDays, 0, 0);
        if (r.OwnerId is { } owner)
        {
            if (!await db.Set<Staff>().IgnoreQueryFilters().AnyAsync(s => s.Id == owner && s.AgencyId == agencyId && s.SectionId == section && s.IsActive, ct))
                throw new RuleViolation("case.officer_not_in_section");
            c.OfficerId = owner;
        }
        db.Add(c);
        db.Add(new TrackedItem { Case = c, AgencyId = agencyId, Kind = r.Kind, RequestedBy = r.RequestedBy.Trim() });
        await db.SaveChangesAsync(ct);
        return c;
    }

    private async Task<Case> NewTrackedCaseAsync(Service service, int sectionId, string title, string? details, CaseActor actor, CancellationToken ct)
    {
        var today = clock.Today();
        var calendar = await cases.CalendarAsync(service.AgencyId, ct);
        var c = Case.Receive(service, CaseKind.Tracked, await cases.NextNumberAsync(service.AgencyId, today, ct), CaseService.HashCode(CaseService.NewTrackingCode()),
            CaseChannel.Api, new CaseApplicant("—", null, null, null, NoticeChannel.None, false), actor, calendar, clock.GetUtcNow().UtcDateTime, today, false);
        c.SectionId = sectionId;
        c.Subject = title.Trim();
        c.Details = Blank(details);
        c.IntakeStaffId = actor.StaffId;
        var routing = new Service { Id = service.Id, AgencyId = service.AgencyId, SectionId = sectionId, Assignment = AssignmentMode.RoundRobin, Code = service.Code, Name = service.Name };
        c.OfficerId = await cases.ChooseOfficerAsync(routing, today, ct);
        return c;
    }

    private async Task<int> SectionAsync(int agencyId, int? sectionId, CancellationToken ct) =>
        sectionId is { } id && await db.Set<Section>().IgnoreQueryFilters().AnyAsync(s => s.Id == id && s.AgencyId == agencyId && s.IsActive, ct)
            ? id
            : throw new RuleViolation("org.section_unknown");

    /// <summary>The agency's hidden service of that code, made on first use (inactive: the catalogue and the counters never offer it).</summary>
    private async Task<Service> HiddenServiceAsync(int agencyId, string code, int sectionId, CancellationToken ct)
    {
        var service = await db.Set<Service>().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.AgencyId == agencyId && s.Code == code, ct);
        if (service is not null) return service;
        var (name, nameEn) = code switch
        {
            MediaServiceCode => ("輿情處理", "Media item"),
            TrackedServiceCode => ("列管事項", "Tracked item"),
            _ => ("人民陳情", "Petition"),
        };
        service = new Service
        {
            AgencyId = agencyId, SectionId = sectionId, Code = code, Name = name, NameEn = nameEn, IsActive = false,
            TimeLimitDays = options.CeilingWorkingDays, Assignment = AssignmentMode.RoundRobin, UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Description = "陳情、輿情及列管案件之內部服務項目，不對外提供申辦。",
        };
        db.Add(service);
        await db.SaveChangesAsync(ct);
        return service;
    }

    /// <summary>Like <see cref="CaseService.ChangeAsync"/>, with the petition (or the media or tracked item's case) loaded too.</summary>
    private Task<Case?> ChangeAsync(long caseId, int? version, Func<Case, Petition, Calendar.OfficeCalendar, DateTime, DateOnly, Task> change, CancellationToken ct) =>
        cases.ChangeAsync(caseId, version, async (c, cal, now, today) =>
        {
            var p = await db.Set<Petition>().FirstOrDefaultAsync(x => x.CaseId == c.Id, ct) ?? throw new RuleViolation("petition.not_a_petition");
            p.Case = c;
            await change(c, p, cal, now, today);
        }, ct);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
