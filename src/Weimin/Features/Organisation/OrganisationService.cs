using Weimin.Data;

namespace Weimin.Features.Organisation;

/// <summary>The writes on agencies, sections, staff, deputies and leave, shared by pages and the API.</summary>
public sealed class OrganisationService(AppDb db, TimeProvider clock)
{
    internal AppDb Db => db;
    internal TimeProvider Clock => clock;
}
