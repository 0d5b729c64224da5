using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Surveys;

/// <summary>What a respondent sent: per item id, the raw form values (one for most kinds, several for multiple choice).</summary>
public sealed record SurveySubmission(IReadOnlyDictionary<int, IReadOnlyList<string>> Values);

/// <summary>Where an external response came from (an invitation's case) or the section of an internal respondent.</summary>
public sealed record ResponseOrigin(int? SectionId, int? ServiceId, CaseChannel? Channel, long? CaseId);

/// <summary>The signed-in member of staff answering an internal survey (all null for the public).</summary>
public sealed record Respondent(string? UserId, int? AgencyId, int? SectionId)
{
    public static readonly Respondent Public = new(null, null, null);
}

/// <summary>Validation failure of one item: the item id and an ErrorText code.</summary>
public sealed record AnswerProblem(int ItemId, string Code);

/// <summary>The writes of the builder and of answering: load → check → change → save, one transaction.</summary>
public sealed class SurveyService(AppDb db, TimeProvider clock)
{
    public const int MaxTextLength = 2000;

    public async Task<Survey> CreateAsync(int agencyId, SurveyKind kind, string? presetCode, string? title, CancellationToken ct)
    {
        var preset = presetCode is null ? null : SurveyPresets.All.FirstOrDefault(p => p.Code == presetCode)
            ?? throw new RuleViolation("survey.preset_unknown");
        var survey = new Survey
        {
            AgencyId = agencyId, Kind = preset?.Kind ?? kind, Code = NewCode(),
            Title = string.IsNullOrWhiteSpace(title) ? preset?.Title ?? throw new RuleViolation("survey.title_required") : title.Trim(),
            TitleEn = preset?.TitleEn ?? "", PresetCode = preset?.Code ?? "", CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        if (preset is not null) ApplyPreset(survey, preset);
        db.Add(survey);
        await db.SaveChangesAsync(ct);
        return survey;
    }

    private static void ApplyPreset(Survey survey, SurveyPreset preset)
    {
        var order = 0;
        var dimOrder = 0;
        foreach (var d in preset.Dimensions)
        {
            var dim = new SurveyDimension { Name = d.Name, NameEn = d.NameEn, SortOrder = ++dimOrder };
            survey.Dimensions.Add(dim);
            foreach (var i in d.Items)
                survey.Items.Add(new SurveyItem { Kind = SurveyItemKind.Likert, Text = i.Text, TextEn = i.TextEn, Required = true, SortOrder = ++order, Dimension = dim });
        }
        if (preset.Overall is { } o)
            survey.Items.Add(new SurveyItem { Kind = SurveyItemKind.Overall, Text = o.Text, TextEn = o.TextEn, Required = true, SortOrder = ++order });
        foreach (var c in preset.Choices)
            survey.Items.Add(new SurveyItem
            {
                Kind = c.Multiple ? SurveyItemKind.MultipleChoice : SurveyItemKind.SingleChoice, Text = c.Text, TextEn = c.TextEn,
                IsProfile = c.IsProfile, SortOrder = ++order,
                Options = c.Options.Select((x, ix) => new SurveyOption { Text = x.Text, TextEn = x.TextEn, SortOrder = ix + 1 }).ToList(),
            });
        if (preset.OpenText is { } t)
            survey.Items.Add(new SurveyItem { Kind = SurveyItemKind.OpenText, Text = t.Text, TextEn = t.TextEn, SortOrder = ++order });
    }

    private async Task<Survey> LoadForEditAsync(int id, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().Include(s => s.Dimensions).Include(s => s.Items).ThenInclude(i => i.Options)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new RuleViolation("survey.not_found");
        return survey;
    }

    public async Task UpdateAsync(int id, string title, string titleEn, string intro, string introEn, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        s.Guard();
        if (string.IsNullOrWhiteSpace(title)) throw new RuleViolation("survey.title_required");
        if (from is { } f && to is { } t && t < f) throw new RuleViolation("survey.dates_order");
        (s.Title, s.TitleEn, s.Intro, s.IntroEn, s.OpenFrom, s.OpenTo) = (title.Trim(), titleEn.Trim(), intro.Trim(), introEn.Trim(), from, to);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddDimensionAsync(int id, string name, string nameEn, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        s.Guard();
        if (string.IsNullOrWhiteSpace(name)) throw new RuleViolation("survey.text_required");
        s.Dimensions.Add(new SurveyDimension { Name = name.Trim(), NameEn = nameEn.Trim(), SortOrder = s.Dimensions.Select(d => d.SortOrder).DefaultIfEmpty().Max() + 1 });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveDimensionAsync(int id, int dimensionId, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        s.Guard();
        var dim = s.Dimensions.FirstOrDefault(d => d.Id == dimensionId) ?? throw new RuleViolation("survey.not_found");
        if (s.Items.Any(i => i.DimensionId == dimensionId)) throw new RuleViolation("survey.dimension_not_empty");
        s.Dimensions.Remove(dim);
        await db.SaveChangesAsync(ct);
    }

    /// <param name="options">One option per line, "中文|English" or only 中文; for choice items.</param>
    public async Task AddItemAsync(int id, SurveyItemKind kind, int? dimensionId, string text, string textEn, bool isProfile, bool required, string? options, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        s.Guard();
        if (string.IsNullOrWhiteSpace(text)) throw new RuleViolation("survey.text_required");
        if (!Enum.IsDefined(kind)) throw new RuleViolation("survey.kind_unknown");
        if (kind == SurveyItemKind.Likert)
        {
            if (dimensionId is null || s.Dimensions.All(d => d.Id != dimensionId)) throw new RuleViolation("survey.dimension_required");
        }
        else dimensionId = null;
        var opts = (options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((line, ix) =>
            {
                var parts = line.Split('|', 2, StringSplitOptions.TrimEntries);
                return new SurveyOption { Text = parts[0], TextEn = parts.Length > 1 ? parts[1] : "", SortOrder = ix + 1 };
            }).ToList();
        var isChoice = kind is SurveyItemKind.SingleChoice or SurveyItemKind.MultipleChoice;
        if (isChoice && opts.Count < 2) throw new RuleViolation("survey.options_required");
        if (isProfile && !isChoice) throw new RuleViolation("survey.profile_choice_only");
        s.Items.Add(new SurveyItem
        {
            Kind = kind, DimensionId = dimensionId, Text = text.Trim(), TextEn = textEn.Trim(), IsProfile = isProfile, Required = required,
            SortOrder = s.Items.Select(i => i.SortOrder).DefaultIfEmpty().Max() + 1, Options = isChoice ? opts : [],
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveItemAsync(int id, int itemId, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        s.Guard();
        var item = s.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new RuleViolation("survey.not_found");
        s.Items.Remove(item);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetStatusAsync(int id, SurveyStatus status, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        if (status == SurveyStatus.Open && !s.Items.Any(i => i.Kind is SurveyItemKind.Likert or SurveyItemKind.Overall))
            throw new RuleViolation("survey.no_items");
        if (status == SurveyStatus.Draft && s.HasResponses) throw new RuleViolation("survey.frozen");
        s.Status = status;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A draft copy (version + 1) of a survey, to change a questionnaire that already has answers.</summary>
    public async Task<Survey> NewVersionAsync(int id, CancellationToken ct)
    {
        var s = await LoadForEditAsync(id, ct);
        var copy = new Survey
        {
            AgencyId = s.AgencyId, Kind = s.Kind, Code = NewCode(), Title = s.Title, TitleEn = s.TitleEn, Intro = s.Intro, IntroEn = s.IntroEn,
            OpenFrom = s.OpenFrom, OpenTo = s.OpenTo, PresetCode = s.PresetCode, CopiedFromId = s.Id, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = await db.Set<Survey>().Where(x => x.AgencyId == s.AgencyId && (x.Id == s.Id || x.CopiedFromId == s.Id)).MaxAsync(x => x.Version, ct) + 1,
        };
        var dims = s.Dimensions.OrderBy(d => d.SortOrder).ToDictionary(d => d.Id, d => new SurveyDimension { Name = d.Name, NameEn = d.NameEn, SortOrder = d.SortOrder });
        copy.Dimensions.AddRange(dims.Values);
        foreach (var i in s.Items.OrderBy(i => i.SortOrder))
            copy.Items.Add(new SurveyItem
            {
                Kind = i.Kind, Text = i.Text, TextEn = i.TextEn, IsProfile = i.IsProfile, Required = i.Required, SortOrder = i.SortOrder,
                Dimension = i.DimensionId is { } d ? dims[d] : null,
                Options = i.Options.OrderBy(o => o.SortOrder).Select(o => new SurveyOption { Text = o.Text, TextEn = o.TextEn, SortOrder = o.SortOrder }).ToList(),
            });
        db.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    /// <summary>
    /// Checks every answer against its item; returns the problems (nothing stored) or the parsed answers.
    /// Pure over the loaded survey, so the page can show all problems at once.
    /// </summary>
    public static (List<SurveyAnswer> Answers, List<AnswerProblem> Problems) Check(Survey survey, SurveySubmission submission)
    {
        var answers = new List<SurveyAnswer>();
        var problems = new List<AnswerProblem>();
        foreach (var item in survey.Items.OrderBy(i => i.SortOrder))
        {
            var raw = submission.Values.GetValueOrDefault(item.Id)?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList() ?? [];
            if (raw.Count == 0)
            {
                if (item.Required) problems.Add(new(item.Id, "survey.answer_required"));
                continue;
            }
            switch (item.Kind)
            {
                case SurveyItemKind.Likert or SurveyItemKind.Overall:
                    if (raw.Count != 1 || !int.TryParse(raw[0], out var v) || v is < 1 or > 5) problems.Add(new(item.Id, "survey.answer_invalid"));
                    else answers.Add(new SurveyAnswer { ItemId = item.Id, Value = v });
                    break;
                case SurveyItemKind.SingleChoice or SurveyItemKind.MultipleChoice:
                    var ids = raw.Select(r => int.TryParse(r, out var o) ? o : -1).Distinct().ToList();
                    if ((item.Kind == SurveyItemKind.SingleChoice && ids.Count != 1) || ids.Any(o => item.Options.All(x => x.Id != o)))
                        problems.Add(new(item.Id, "survey.answer_invalid"));
                    else answers.AddRange(ids.Select(o => new SurveyAnswer { ItemId = item.Id, OptionId = o }));
                    break;
                default:
                    var text = string.Join("\n", raw);
                    if (text.Length > MaxTextLength) problems.Add(new(item.Id, "survey.answer_too_long"));
                    else answers.Add(new SurveyAnswer { ItemId = item.Id, Text = text });
                    break;
            }
        }
        return (answers, problems);
    }

    /// <summary>The public survey by its code, with its questions (across agencies: the code is the key).</summary>
    public Task<Survey?> FindByCodeAsync(string code, CancellationToken ct) =>
        db.Set<Survey>().IgnoreQueryFilters().AsNoTracking()
            .Include(s => s.Dimensions).Include(s => s.Items).ThenInclude(i => i.Options).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Code == code && s.Status != SurveyStatus.Draft, ct);

    /// <summary>
    /// Stores one response. For an invitation the token must be valid, unused and unexpired, and the response takes the
    /// case's section, service and channel; for an internal survey <paramref name="userId"/> must not have answered yet.
    /// Returns the problems when the answers are bad (nothing stored).
    /// </summary>
    public async Task<List<AnswerProblem>> SubmitAsync(Survey survey, SurveySubmission submission, string? invitationToken, Respondent respondent, CancellationToken ct)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await WhyNotAnswerableAsync(survey, invitationToken, respondent, ct) is { } why) throw new RuleViolation(why);
        var (answers, problems) = Check(survey, submission);
        if (problems.Count > 0) return problems;

        var response = new SurveyResponse { AgencyId = survey.AgencyId, SurveyId = survey.Id, AnsweredOn = today, Answers = answers };
        if (survey.Kind == SurveyKind.Internal)
        {
            // The unique index on (survey, user) stops a second answer sent at the same moment.
            db.Add(new SurveyParticipation { AgencyId = survey.AgencyId, SurveyId = survey.Id, UserId = respondent.UserId! });
            response.SectionId = respondent.SectionId;
        }
        else if (invitationToken is not null)
        {
            var invitation = await FindInvitationAsync(survey.Id, invitationToken, now, ct);
            invitation.UsedAtUtc = now;
            var origin = await db.Set<Case>().IgnoreQueryFilters().Where(c => c.Id == invitation.CaseId)
                .Select(c => new ResponseOrigin(c.SectionId, c.ServiceId, c.Channel, c.Id)).FirstAsync(ct);
            (response.SectionId, response.ServiceId, response.Channel, response.CaseId) = origin;
        }
        db.Add(response);
        var stored = await db.Set<Survey>().IgnoreQueryFilters().FirstAsync(s => s.Id == survey.Id, ct);
        stored.HasResponses = true;
        try
        {
            // One SaveChanges, so one transaction. The invitation's used-at is a concurrency token: of two answers sent
            // with the same link at the same moment, one finds it already used.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleViolation("survey.invitation_used");
        }
        return [];
    }

    /// <summary>Null when the respondent may answer now, else the ErrorText code saying why not.</summary>
    public async Task<string?> WhyNotAnswerableAsync(Survey survey, string? invitationToken, Respondent respondent, CancellationToken ct)
    {
        if (!survey.IsAnswerableOn(clock.Today())) return "survey.not_open";
        if (survey.Kind == SurveyKind.Internal)
        {
            if (respondent.UserId is null) return "survey.sign_in";
            if (respondent.AgencyId != survey.AgencyId) return "survey.not_found";
            var userId = respondent.UserId;
            if (await db.Set<SurveyParticipation>().IgnoreQueryFilters().AnyAsync(p => p.SurveyId == survey.Id && p.UserId == userId, ct))
                return "survey.already_answered";
            return null;
        }
        if (invitationToken is null) return null;
        try
        {
            await FindInvitationAsync(survey.Id, invitationToken, clock.GetUtcNow().UtcDateTime, ct);
            return null;
        }
        catch (RuleViolation v)
        {
            return v.Code;
        }
    }

    /// <summary>The invitation a token opens; throws a clear rule violation when it is unknown, used or expired.</summary>
    public async Task<SurveyInvitation> FindInvitationAsync(int surveyId, string token, DateTime nowUtc, CancellationToken ct)
    {
        var hash = HashToken(token);
        var invitation = await db.Set<SurveyInvitation>().IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash && i.SurveyId == surveyId, ct)
            ?? throw new RuleViolation("survey.invitation_invalid");
        if (invitation.UsedAtUtc is not null) throw new RuleViolation("survey.invitation_used");
        if (invitation.ExpiresAtUtc <= nowUtc) throw new RuleViolation("survey.invitation_expired");
        return invitation;
    }

    public static string NewCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
