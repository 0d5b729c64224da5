using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Cases;

/// <summary>One document of the checklist as the clerk ticked it; no state means the clerk has not decided yet.</summary>
public sealed class ChecklistChoice
{
    public int Id { get; set; }
    public CaseDocumentState? State { get; set; }
}

/// <summary>
/// 收件 at a single window: choose the counter (optional) and the service, then the applicant, the channel and the
/// checklist. Two steps by plain links and forms, so it works without JavaScript. Bad input redraws the form (400).
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public class IntakeModel(AppDb db, CaseService cases, IStringLocalizer<IntakeText> t, IStringLocalizer<ErrorText> errors) : PageModel
{
    public const string CodeKey = "Intake.Code";

    /// <summary>Channels a person can take a case in by; the API channel is the API's own.</summary>
    public static readonly CaseChannel[] PageChannels =
        [CaseChannel.Counter, CaseChannel.Online, CaseChannel.Phone, CaseChannel.Mail, CaseChannel.DriveThrough, CaseChannel.HomeVisit];

    [BindProperty] public IntakeRequest Input { get; set; } = new();
    [BindProperty] public List<ChecklistChoice> Checklist { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "window")] public int? Window { get; set; }
    [BindProperty(SupportsGet = true, Name = "service")] public string? ServiceCode { get; set; }

    public IReadOnlyList<IntakeWindowChoice> Windows { get; private set; } = [];
    public IReadOnlyList<IntakeServiceChoice> Services { get; private set; } = [];
    public IntakeWindowChoice? ChosenWindow { get; private set; }
    /// <summary>The chosen service: step 2 (the form) when set, step 1 (choose) when not.</summary>
    public Service? Service { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(ServiceCode))
        {
            var service = await ChooseAsync(ServiceCode, Window, "service", ct);
            if (service is not null)
            {
                Service = service;
                Input = new IntakeRequest { ServiceCode = service.Code, WindowId = Window, Channel = CaseChannel.Counter };
                Checklist = service.Documents.OrderBy(d => d.SortOrder).ThenBy(d => d.Id).Select(d => new ChecklistChoice
                {
                    Id = d.Id,
                    State = d.ElectronicVerification ? CaseDocumentState.VerifiedElectronically : d.IsRequired ? null : CaseDocumentState.NotApplicable,
                }).ToList();
            }
        }
        await RedrawAsync(ct);
        if (!ModelState.IsValid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Window = Input.WindowId;
        Service = await ChooseAsync(Input.ServiceCode, Input.WindowId, "Input.ServiceCode", ct);
        if (Service is not null)
        {
            CheckChecklist(Service);
            CheckRules(Service);
            if (!PageChannels.Contains(Input.Channel)) ModelState.AddModelError("Input.Channel", errors["validation.invalid", errors["field.Channel"]]);
        }
        if (!ModelState.IsValid) return await RedrawWithErrorsAsync(ct);

        Input.Documents = Checklist.Where(c => c.State is not null)
            .Select(c => new IntakeDocument { RequiredDocumentId = c.Id, State = c.State!.Value }).ToList();
        IntakeResult result;
        try
        {
            result = await cases.IntakeAsync(Input, await cases.ActorAsync(ct), ct: ct);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddModelError(FieldOf(rule.Code), errors[rule.Code, rule.Args]);
            return await RedrawWithErrorsAsync(ct);
        }

        if (result.Case is { } taken)
        {
            // The code goes to the receipt in the (encrypted, one-read) TempData cookie: never in a URL.
            TempData[CodeKey] = $"{taken.Id}:{result.TrackingCode}";
            return Redirect($"/cases/{taken.Id}/receipt");
        }
        TempData[NoticeModel.NotTakenKey] = true;
        return Redirect($"/cases/notices/{result.Notice!.Id}");
    }

    /// <summary>The service, if it exists, is open to this user and is taken at the chosen window; else an error on <paramref name="field"/>.</summary>
    private async Task<Service?> ChooseAsync(string? code, int? windowId, string field, CancellationToken ct)
    {
        var service = await IntakeReads.ServiceAsync(db, code, ct);
        if (service is null)
        {
            ModelState.AddModelError(field, errors["case.service_unknown", code ?? ""]);
            return null;
        }
        if (db.Scope.SectionId is { } own && service.SectionId != own)
        {
            // Officers and section heads see only their section's cases, so they could not open the receipt.
            ModelState.AddModelError(field, t["Intake.OwnSectionOnly"]);
            return null;
        }
        if (windowId is { } w && !await IntakeReads.WindowTakesAsync(db, w, service.Id, ct))
        {
            ModelState.AddModelError(field == "service" ? "window" : "Input.WindowId", errors["case.window_not_for_service"]);
            return null;
        }
        return service;
    }

    private void CheckChecklist(Service service)
    {
        var documents = service.Documents.OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToList();
        var posted = Checklist.ToDictionary(c => c.Id, c => c.State);
        Checklist = documents.Select(d => new ChecklistChoice { Id = d.Id, State = posted.GetValueOrDefault(d.Id) }).ToList();
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var state = Checklist[i].State;
            var allowed = state is CaseDocumentState.Provided or CaseDocumentState.Missing or CaseDocumentState.NotApplicable
                          || (state == CaseDocumentState.VerifiedElectronically && d.ElectronicVerification);
            if (state is null) ModelState.AddModelError($"Checklist[{i}].State", t["Intake.ChooseDocumentState", d.Name]);
            else if (!allowed) ModelState.AddModelError($"Checklist[{i}].State", errors["validation.invalid", d.Name]);
        }
    }

    /// <summary>
    /// The intake rules CaseService enforces, checked here too so that one submission shows every problem at once
    /// (the service still has the last word).
    /// </summary>
    private void CheckRules(Service service)
    {
        void Rule(bool broken, string code)
        {
            var field = FieldOf(code);
            if (broken && ModelState.GetFieldValidationState(field) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
                ModelState.AddModelError(field, errors[code]);
        }
        var i = Input;
        Rule(service.NeedsLocation && string.IsNullOrWhiteSpace(i.LocationText) && i.Latitude is null, "case.location_required");
        Rule(i.NoticeChannel is NoticeChannel.Sms or NoticeChannel.Phone && string.IsNullOrWhiteSpace(i.ApplicantPhone), "case.phone_required_for_notice");
        Rule(i.NoticeChannel == NoticeChannel.Email && string.IsNullOrWhiteSpace(i.ApplicantEmail), "case.email_required_for_notice");
        Rule(i.NoticeChannel == NoticeChannel.Letter && string.IsNullOrWhiteSpace(i.ApplicantAddress), "case.address_required_for_notice");
        Rule(i.NoticeChannel != NoticeChannel.None && !i.NoticeConsent, "case.consent_required");
    }

    /// <summary>Where a broken intake rule shows: next to the field that can fix it.</summary>
    private static string FieldOf(string code) => code switch
    {
        "case.service_unknown" => "Input.ServiceCode",
        "case.window_not_for_service" => "Input.WindowId",
        "case.location_required" => "Input.LocationText",
        "case.phone_required_for_notice" => "Input.ApplicantPhone",
        "case.email_required_for_notice" => "Input.ApplicantEmail",
        "case.address_required_for_notice" => "Input.ApplicantAddress",
        "case.consent_required" => "Input.NoticeConsent",
        _ => "",
    };

    private async Task<IActionResult> RedrawWithErrorsAsync(CancellationToken ct)
    {
        await RedrawAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task RedrawAsync(CancellationToken ct)
    {
        Windows = await IntakeReads.WindowsAsync(db, ct);
        ChosenWindow = Windows.FirstOrDefault(w => w.Id == Window);
        if (Service is not null) return;
        // Officers and section heads take in their own section's services; counter clerks every section's.
        Services = await IntakeReads.ServicesAsync(db, ChosenWindow?.Id, db.Scope.SectionId, ct);
    }
}
