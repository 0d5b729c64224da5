namespace Weimin.Features.Organisation;

public static class OrganisationApi
{
    public static void MapOrganisationApi(this IEndpointRouteBuilder app)
    {
    }
}
