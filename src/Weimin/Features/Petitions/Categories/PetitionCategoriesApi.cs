using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions.Categories;

/// <summary>/api/petitions/categories: read by case workers; added and changed by the agency's admins and the secretariat.</summary>
public static class PetitionCategoriesApi
{
    public static void MapPetitionCategoriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/categories", async (PetitionCategories categories, CancellationToken ct) => TypedResults.Ok(await categories.ListAsync(ct)))
            .RequireAuthorization(Policies.CaseWork).WithSummary("The petition categories of the caller's agency, with the section each routes to and how many petitions use it");
        api.MapPost("/categories", (HttpRequest request, PetitionCategories categories, AppDb db, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct) =>
                SaveAsync(null, request, categories, db, t, json.Value, ct))
            .RequireAuthorization(PetitionsSetup.CategoriesPolicy).Accepts<CategoryInput>("application/json")
            .WithSummary("Add a category (code, name, nameEn, section code, isReport, sortOrder, isActive)");
        api.MapPut("/categories/{code}", (string code, HttpRequest request, PetitionCategories categories, AppDb db, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct) =>
                SaveAsync(code, request, categories, db, t, json.Value, ct))
            .RequireAuthorization(PetitionsSetup.CategoriesPolicy).Accepts<CategoryInput>("application/json")
            .WithSummary("Change a category; one in use keeps its code and is retired with isActive false, never deleted");
    }

    private static async Task<Results<Ok<CategoryDto>, Created<CategoryDto>, ValidationProblem, NotFound, StatusCodeHttpResult>> SaveAsync(
        string? code, HttpRequest request, PetitionCategories categories, AppDb db, IStringLocalizer<ErrorText> t, JsonOptions json, CancellationToken ct)
    {
        PetitionCategory? existing = null;
        if (code is not null && (existing = await categories.FindByCodeAsync(code, ct)) is null) return TypedResults.NotFound();
        var (input, errors, status) = await CasesApi.ReadJsonAsync<CategoryInput>(request, json.SerializerOptions, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (input is null) return TypedResults.ValidationProblem(errors!);
        if (!ApiValidation.TryValidate(input, t, out errors)) return TypedResults.ValidationProblem(errors);
        var saved = await categories.SaveAsync(existing, input, ct);
        var dto = (await categories.ListAsync(ct)).Single(c => c.Id == saved.Id);
        return existing is null ? TypedResults.Created($"/api/petitions/categories/{dto.Code}", dto) : TypedResults.Ok(dto);
    }
}
