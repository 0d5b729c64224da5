using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Weimin.Web.Errors;

/// <summary>
/// DataAnnotations for API request records, with the same localised messages the pages show: an attribute's
/// ErrorMessage and a property's Display name are keys in ErrorText.
/// </summary>
public static class ApiValidation
{
    public static bool TryValidate(object input, IStringLocalizer<ErrorText> t, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var type = input.GetType();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(input);
            var display = property.GetCustomAttribute<DisplayAttribute>()?.Name ?? "field." + property.Name;
            var label = t[display].ResourceNotFound ? property.Name : t[display].Value;
            var messages = new List<string>();
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.IsValid(value)) continue;
                var key = attribute.ErrorMessage ?? "validation.invalid";
                messages.Add(attribute switch
                {
                    StringLengthAttribute s => t[key, label, s.MaximumLength],
                    MaxLengthAttribute m => t[key, label, m.Length],
                    RangeAttribute r => t[key, label, r.Minimum, r.Maximum],
                    _ => t[key, label],
                });
            }
            if (messages.Count > 0) errors[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = [.. messages];
        }
        return errors.Count == 0;
    }
}
