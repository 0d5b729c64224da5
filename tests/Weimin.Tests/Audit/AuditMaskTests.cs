using Weimin.Features.Audit;

namespace Weimin.Tests.Audit;

public class AuditMaskTests
{
    [Theory]
    [InlineData("0912345678", "0912-***-678")]
    [InlineData("chen@yangmei.weimin.example", "c***@yangmei.weimin.example")]
    [InlineData("A123456789", "A***89")]
    [InlineData("abc", "***")]
    public void Masked_values_keep_only_a_recognisable_fragment(string value, string masked) =>
        Assert.Equal(masked, AuditMask.Mask(value));
}
