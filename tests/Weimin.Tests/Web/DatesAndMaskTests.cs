using Weimin.Web.Localisation;
using Weimin.Web.Privacy;

namespace Weimin.Tests.Web;

public class DatesAndMaskTests
{
    [Theory]
    [InlineData(2024, 11, 22, DateStyle.Roc, true, "民國113年11月22日")]
    [InlineData(1912, 1, 1, DateStyle.Roc, true, "民國1年1月1日")]
    [InlineData(2024, 11, 22, DateStyle.Gregorian, true, "2024年11月22日")]
    [InlineData(2024, 11, 22, DateStyle.Roc, false, "ROC 113-11-22")]
    [InlineData(2024, 11, 22, DateStyle.Gregorian, false, "22 Nov 2024")]
    public void Dates_read_as_ROC_or_Gregorian(int y, int m, int d, DateStyle style, bool chinese, string expected) =>
        Assert.Equal(expected, Dates.Format(new DateOnly(y, m, d), style, chinese));

    [Theory]
    [InlineData("王小明", "王○明")]
    [InlineData("歐陽志明", "歐○○明")]
    [InlineData("林一", "林○")]
    [InlineData("", "")]
    public void Names_are_masked_keeping_first_and_last_character(string name, string masked) => Assert.Equal(masked, Mask.Name(name));

    [Theory]
    [InlineData("0912345678", "0912-***-678")]
    [InlineData("0912-345-678", "0912-***-678")]
    [InlineData("03-478-1234", "03-****234")]
    [InlineData("(02)2345-6789", "02-*****789")]
    [InlineData("123", "***")]
    public void Phones_are_masked(string phone, string masked) => Assert.Equal(masked, Mask.Phone(phone));

    [Fact]
    public void Office_day_is_Taipei_day()
    {
        // 2024-11-21 17:00 UTC is already 22 November in Taipei.
        Assert.Equal(new DateOnly(2024, 11, 22), DateOnly.FromDateTime(OfficeTime.ToOffice(new DateTime(2024, 11, 21, 17, 0, 0, DateTimeKind.Utc))));
    }
}
