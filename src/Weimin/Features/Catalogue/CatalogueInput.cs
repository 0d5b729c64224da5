using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Weimin.Web.Errors;

namespace Weimin.Features.Catalogue;

/// <summary>A service as an admin enters it on the page, in the API and in an import row; documents and steps replace the old ones as a whole.</summary>
public sealed class ServiceInput
{
    public const string CodePattern = "^[a-z0-9][a-z0-9-]*$";

    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"),
     RegularExpression(CodePattern, ErrorMessage = "validation.code"), Display(Name = "field.ServiceCode")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.ServiceName")]
    public string Name { get; set; } = "";

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.ServiceNameEn")]
    public string? NameEn { get; set; }

    [Required(ErrorMessage = "validation.required"), Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }

    [StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.Topic")]
    public string? Topic { get; set; }

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Description")]
    public string? Description { get; set; }

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.DescriptionEn")]
    public string? DescriptionEn { get; set; }

    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Eligibility")]
    public string? Eligibility { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Fee")]
    public string? Fee { get; set; }

    /// <summary>Working days; 0 = on the spot (立即取件).</summary>
    [Required(ErrorMessage = "validation.required"), Range(0, 365, ErrorMessage = "validation.range"), Display(Name = "field.TimeLimitDays")]
    public int? TimeLimitDays { get; set; }

    [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.LegalBasis")]
    public string? LegalBasis { get; set; }

    /// <summary>Names of <see cref="ServiceChannels"/> (Counter, OnlineApplication, …).</summary>
    [KnownChannels(ErrorMessage = "validation.channel"), Display(Name = "field.Channels")]
    public List<string> Channels { get; set; } = [nameof(ServiceChannels.Counter)];

    public bool NeedsLocation { get; set; }

    [Display(Name = "field.DefaultOfficerId")]
    public int? DefaultOfficerId { get; set; }

    [RegularExpression("^(DefaultOfficer|RoundRobin)$", ErrorMessage = "validation.assignment"), Display(Name = "field.Assignment")]
    public string? Assignment { get; set; }

    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;

    [MaxLength(50, ErrorMessage = "validation.count"), Display(Name = "field.Documents")]
    public List<DocumentInput> Documents { get; set; } = [];

    [MaxLength(50, ErrorMessage = "validation.count"), Display(Name = "field.Steps")]
    public List<StepInput> Steps { get; set; } = [];

    /// <summary>Offered through Open311; null (an import, an API body without it) leaves the service's setting as it is.</summary>
    public bool? Open311 { get; set; }

    [RegularExpression("^(Realtime|Batch)$", ErrorMessage = "validation.invalid"), Display(Name = "field.Open311Type")]
    public string? Open311Type { get; set; }

    /// <summary>The Open311 service definition, replaced as a whole; null leaves it as it is.</summary>
    [MaxLength(30, ErrorMessage = "validation.count"), Display(Name = "field.Attributes")]
    public List<AttributeInput>? Attributes { get; set; }

    public ServiceChannels ChannelFlags() =>
        Channels.Aggregate(ServiceChannels.None, (all, c) => Enum.TryParse<ServiceChannels>(c, out var one) ? all | one : all);

    public AssignmentMode AssignmentMode() =>
        Enum.TryParse<AssignmentMode>(Assignment, out var mode) ? mode : Catalogue.AssignmentMode.DefaultOfficer;

    public static List<string> ChannelNames(ServiceChannels flags) =>
        [.. Enum.GetValues<ServiceChannels>().Where(c => c != ServiceChannels.None && flags.HasFlag(c)).Select(c => c.ToString())];

    public static ServiceInput From(Service s) => new()
    {
        Code = s.Code, Name = s.Name, NameEn = s.NameEn, SectionId = s.SectionId, Topic = s.Topic, Description = s.Description,
        DescriptionEn = s.DescriptionEn, Eligibility = s.Eligibility, Fee = s.Fee, TimeLimitDays = s.TimeLimitDays,
        LegalBasis = s.LegalBasis, Channels = ChannelNames(s.Channels), NeedsLocation = s.NeedsLocation,
        DefaultOfficerId = s.DefaultOfficerId, Assignment = s.Assignment.ToString(), SortOrder = s.SortOrder, IsActive = s.IsActive,
        Documents = [.. s.Documents.OrderBy(d => d.SortOrder).Select(d => new DocumentInput
            { Name = d.Name, NameEn = d.NameEn, Note = d.Note, ElectronicVerification = d.ElectronicVerification, IsRequired = d.IsRequired })],
        Steps = [.. s.Steps.OrderBy(x => x.Order).Select(x => new StepInput { Title = x.Title, TitleEn = x.TitleEn, Description = x.Description, Days = x.Days })],
        Open311 = s.Open311, Open311Type = s.Open311Type.ToString(),
        Attributes = [.. s.Attributes.OrderBy(a => a.Order).Select(a => new AttributeInput
        {
            Code = a.Code, Variable = a.Variable, Datatype = a.Datatype.ToString(), Required = a.Required,
            DatatypeDescription = a.DatatypeDescription, Description = a.Description, Values = a.Values,
        })],
    };

    /// <summary>DataAnnotations on the service and on each document and step, keyed like the JSON ("documents[1].name").</summary>
    public bool TryValidate(IStringLocalizer<ErrorText> t, out Dictionary<string, string[]> errors)
    {
        ApiValidation.TryValidate(this, t, out errors);
        for (var i = 0; i < Documents.Count; i++)
            if (!ApiValidation.TryValidate(Documents[i], t, out var e))
                foreach (var (k, v) in e) errors[$"documents[{i}].{k}"] = v;
        for (var i = 0; i < Steps.Count; i++)
            if (!ApiValidation.TryValidate(Steps[i], t, out var e))
                foreach (var (k, v) in e) errors[$"steps[{i}].{k}"] = v;
        for (var i = 0; i < (Attributes?.Count ?? 0); i++)
            if (!ApiValidation.TryValidate(Attributes![i], t, out var e))
                foreach (var (k, v) in e) errors[$"attributes[{i}].{k}"] = v;
        return errors.Count == 0;
    }
}

public sealed class DocumentInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.DocumentName")]
    public string Name { get; set; } = "";

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.DocumentNameEn")]
    public string? NameEn { get; set; }

    [StringLength(500, ErrorMessage = "validation.length"), Display(Name = "field.DocumentNote")]
    public string? Note { get; set; }

    /// <summary>免書證免謄本: the office verifies it electronically.</summary>
    public bool ElectronicVerification { get; set; }

    public bool IsRequired { get; set; } = true;
}

public sealed class StepInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.StepTitle")]
    public string Title { get; set; } = "";

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.StepTitleEn")]
    public string? TitleEn { get; set; }

    [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.StepDescription")]
    public string? Description { get; set; }

    [Range(0, 365, ErrorMessage = "validation.range"), Display(Name = "field.StepDays")]
    public int? Days { get; set; }
}

/// <summary>One field of a service's Open311 definition; its order is its position in the list.</summary>
public sealed class AttributeInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"),
     RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "open311.attribute_code_format"), Display(Name = "field.AttributeCode")]
    public string Code { get; set; } = "";

    public bool Variable { get; set; } = true;

    [Required(ErrorMessage = "validation.required"),
     RegularExpression("^(String|Number|Datetime|Text|SingleValueList|MultiValueList)$", ErrorMessage = "validation.invalid"),
     Display(Name = "field.AttributeDatatype")]
    public string Datatype { get; set; } = nameof(AttributeDatatype.String);

    public bool Required { get; set; }

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.AttributeDatatypeDescription")]
    public string? DatatypeDescription { get; set; }

    [Required(ErrorMessage = "validation.required"), StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.AttributeDescription")]
    public string Description { get; set; } = "";

    /// <summary>For the list datatypes: one choice a line, key|name.</summary>
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.AttributeValues")]
    public string? Values { get; set; }
}

public sealed class WindowInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.WindowName")]
    public string Name { get; set; } = "";

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.WindowNameEn")]
    public string? NameEn { get; set; }

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.Location")]
    public string? Location { get; set; }

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.Hours")]
    public string? Hours { get; set; }

    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Codes of the services the window takes in.</summary>
    [MaxLength(500, ErrorMessage = "validation.count"), Display(Name = "field.Services")]
    public List<string> Services { get; set; } = [];
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownChannelsAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not IEnumerable<string> names
        || names.All(n => Enum.TryParse<ServiceChannels>(n, ignoreCase: false, out var c) && c != ServiceChannels.None && Enum.IsDefined(c));
}
