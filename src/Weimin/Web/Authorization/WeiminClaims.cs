namespace Weimin.Web.Authorization;

public static class WeiminClaims
{
    public const string AgencyId = "weimin:agency";
    public const string SectionId = "weimin:section";
    public const string StaffId = "weimin:staff";
    public const string DisplayName = "weimin:name";
}
