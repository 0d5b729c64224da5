using Weimin.Features.Open311;
using Weimin.Web.Authorization;

namespace Weimin.Features.Work;

/// <summary>
/// The administration pages, grouped: the staff bar shows one "administration" link and the hub at
/// <c>/admin</c> lists what the signed-in person can open. Each link names the policy its page demands, so the
/// hub shows a door exactly when the page would open it.
/// </summary>
public static class AdminLinks
{
    /// <param name="Policy">The page's own authorization policy; null for a page every member of staff may open.</param>
    public sealed record Link(string Href, string Label, string Description, string? Policy);
    public sealed record Group(string Title, IReadOnlyList<Link> Links);

    /// <summary>Labels and descriptions are SharedText keys.</summary>
    public static readonly IReadOnlyList<Group> All =
    [
        new("Admin.Group.Organisation",
        [
            new("/org/staff", "Nav.Staff", "Admin.Staff", Policies.ViewStaff),
            new("/org/sections", "Nav.Sections", "Admin.Sections", Policies.ViewStaff),
            new("/org/agencies", "Nav.Agencies", "Admin.Agencies", Policies.ManageAgencies),
            new("/directory", "Nav.Directory", "Admin.Directory", null),
        ]),
        new("Admin.Group.Service",
        [
            new("/admin/services", "Nav.Services", "Admin.Services", Policies.ManageCatalogue),
            new("/admin/windows", "Nav.Windows", "Admin.Windows", Policies.ManageCatalogue),
            new("/admin/portal", "Nav.PortalContent", "Admin.Portal", Policies.ManageCatalogue),
            new("/admin/booking", "Nav.BookingSettings", "Admin.BookingSettings", Policies.ManageCatalogue),
            new("/venue-requests", "Nav.VenueRequests", "Admin.VenueRequests", Booking.Staff.VenueStaff.Policy),
            new("/admin/petition-categories", "Nav.PetitionCategories", "Admin.PetitionCategories", Petitions.PetitionsSetup.CategoriesPolicy),
            new("/admin/calendar", "Nav.CalendarAdmin", "Admin.Calendar", Policies.ManageCalendar),
            new("/calendar", "Nav.Calendar", "Admin.CalendarPublic", null),
            new("/admin/surveys", "Nav.Surveys", "Admin.Surveys", Surveys.SurveysSetup.ManagePolicy),
        ]),
        new("Admin.Group.Data",
        [
            new("/admin/privacy", "Nav.Privacy", "Admin.Privacy", Policies.PrivacyRequests),
            new("/admin/open311", "Nav.Open311", "Admin.Open311", Open311Setup.ManagePolicy),
            new("/audit", "Nav.Audit", "Admin.Audit", Policies.Audit),
        ]),
    ];
}
