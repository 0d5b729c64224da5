using Weimin.Data;

namespace Weimin.Features.Catalogue;

/// <summary>The ways a service can be reached (SPEC §2). Stored as flags.</summary>
[Flags]
public enum ServiceChannels
{
    None = 0,
    Counter = 1,
    OnlineApplication = 2,
    OnlineBooking = 4,
    DriveThrough = 8,
    HomeVisit = 16,
    CrossDistrict = 32,
    Phone = 64,
    Mail = 128,
}

/// <summary>How a new case of the service finds its officer.</summary>
public enum AssignmentMode
{
    /// <summary>The service's default officer (or their deputy while away).</summary>
    DefaultOfficer = 0,
    /// <summary>In turn among the section's officers who handle the service.</summary>
    RoundRobin = 1,
}

/// <summary>
/// 服務項目: something a citizen can apply for or report, handled by one section. The catalogue is agency-wide
/// (a counter clerk takes in every section's services), so services are scoped by agency, not by section.
/// </summary>
public class Service : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int SectionId { get; set; }
    public Organisation.Section? Section { get; set; }
    /// <summary>Stable, unique in the agency; used in URLs, imports and Open311 service_code.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>A topic for the public catalogue (社會福利, 道路與路燈, 兵役 …).</summary>
    public string? Topic { get; set; }
    public string Description { get; set; } = "";
    public string? DescriptionEn { get; set; }
    public string? Eligibility { get; set; }
    /// <summary>The fee as the office states it (免費, 每份新臺幣 20 元 …).</summary>
    public string? Fee { get; set; }
    /// <summary>處理時限 in working days; 0 means on the spot (立即取件).</summary>
    public int TimeLimitDays { get; set; }
    public string? LegalBasis { get; set; }
    public ServiceChannels Channels { get; set; } = ServiceChannels.Counter;
    /// <summary>Repairs (路燈, 坑洞, 水溝蓋) need a place.</summary>
    public bool NeedsLocation { get; set; }
    public int? DefaultOfficerId { get; set; }
    public Organisation.Staff? DefaultOfficer { get; set; }
    public AssignmentMode Assignment { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public List<RequiredDocument> Documents { get; set; } = [];
    public List<SopStep> Steps { get; set; } = [];
    public List<ServiceForm> Forms { get; set; } = [];

    /// <summary>Offered to 311 apps through Open311 GeoReport v2 (docs/open311.md).</summary>
    public bool Open311 { get; set; }
    public Open311Type Open311Type { get; set; }
    /// <summary>The Open311 service definition: what a report of this service asks for besides the location.</summary>
    public List<ServiceAttribute> Attributes { get; set; } = [];

    public bool OnTheSpot => TimeLimitDays == 0;
}

/// <summary>應備證件: one document of a service's checklist.</summary>
public class RequiredDocument
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Note { get; set; }
    /// <summary>免書證免謄本: the office fetches or verifies it electronically; the applicant need not bring it.</summary>
    public bool ElectronicVerification { get; set; }
    /// <summary>Required for every applicant (false: only in some situations, explained in the note).</summary>
    public bool IsRequired { get; set; } = true;
    public int SortOrder { get; set; }
}

/// <summary>A published step of a service's SOP (標準作業流程).</summary>
public class SopStep
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Description { get; set; }
    /// <summary>Working days this step takes, when the SOP says.</summary>
    public int? Days { get; set; }
}

/// <summary>A form to download (ODF first: .odt/.ods), or a link to one.</summary>
public class ServiceForm
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public required string Title { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    /// <summary>Path under the data directory's forms folder, never under the web root.</summary>
    public string? StoredPath { get; set; }
    public string? Url { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>單一窗口: a counter that takes in services of several sections (一處收件、全程服務).</summary>
public class SingleWindow : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Location { get; set; }
    public string? Hours { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public List<SingleWindowService> Services { get; set; } = [];
}

public class SingleWindowService
{
    public int WindowId { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
}

/// <summary>Open311 service type: realtime returns the case number at once; batch returns a token resolved later.</summary>
public enum Open311Type { Realtime = 0, Batch = 1 }

/// <summary>The six Open311 attribute datatypes.</summary>
public enum AttributeDatatype { String = 0, Number = 1, Datetime = 2, Text = 3, SingleValueList = 4, MultiValueList = 5 }

/// <summary>One field of a service's Open311 definition; <see cref="Order"/> is its 1-based position.</summary>
public class ServiceAttribute
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public required string Code { get; set; }
    /// <summary>False: information shown to the reporter only, no input.</summary>
    public bool Variable { get; set; } = true;
    public AttributeDatatype Datatype { get; set; }
    public bool Required { get; set; }
    public string? DatatypeDescription { get; set; }
    public int Order { get; set; }
    public required string Description { get; set; }
    /// <summary>The choices of a list datatype, one a line: key|name.</summary>
    public string? Values { get; set; }

    public IEnumerable<(string Key, string Name)> Choices() =>
        (Values ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', 2) is var p && p.Length == 2 ? (p[0].Trim(), p[1].Trim()) : (p[0].Trim(), p[0].Trim()));

    public bool IsList => Datatype is AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList;
}
