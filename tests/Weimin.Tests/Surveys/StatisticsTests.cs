using Weimin.Features.Surveys.Statistics;

namespace Weimin.Tests.Surveys;

/// <summary>
/// The survey statistics checked against values published for real data, not only against our own arithmetic:
/// <list type="bullet">
/// <item>R's <c>mtcars</c> (Henderson &amp; Velleman 1981, from Motor Trend 1974): <c>mean(mtcars$mpg)</c> = 20.09062,
/// <c>sd</c> = 6.026948 and <c>t.test(mtcars$mpg)</c>'s 95 % interval 17.91768–22.26357 (R's documented output); and
/// Cronbach's α of cyl, gear, carb and hp = 0.09463206, the expected value in the easystats/performance package's
/// tests (tests/testthat/test-cronbachs_alpha.R).</item>
/// <item>StatsBase.jl's documented example of <c>cronbachalpha</c>: for the covariance matrix below α = 0.8136 and α
/// with items 1–4 dropped 0.7500, 0.7606, 0.7714, 0.7826.</item>
/// <item>Student's t table: t(0.975; 1) = 12.7062, t(0.975; 9) = 2.2622, t(0.975; 31) = 2.0395, t(0.95; 20) = 1.7247.</item>
/// <item>Wilson's interval for 8 of 10: 0.4902–0.9433 (Newcombe 1998, Statistics in Medicine 17:857, method 3).</item>
/// </list>
/// </summary>
public class StatisticsTests
{
    // mtcars, rows in R's order: mpg, cyl, hp, gear, carb.
    private static readonly double[][] MtCars =
    [
        [21, 6, 110, 4, 4], [21, 6, 110, 4, 4], [22.8, 4, 93, 4, 1], [21.4, 6, 110, 3, 1], [18.7, 8, 175, 3, 2], [18.1, 6, 105, 3, 1],
        [14.3, 8, 245, 3, 4], [24.4, 4, 62, 4, 2], [22.8, 4, 95, 4, 2], [19.2, 6, 123, 4, 4], [17.8, 6, 123, 4, 4], [16.4, 8, 180, 3, 3],
        [17.3, 8, 180, 3, 3], [15.2, 8, 180, 3, 3], [10.4, 8, 205, 3, 4], [10.4, 8, 215, 3, 4], [14.7, 8, 230, 3, 4], [32.4, 4, 66, 4, 1],
        [30.4, 4, 52, 4, 2], [33.9, 4, 65, 4, 1], [21.5, 4, 97, 3, 1], [15.5, 8, 150, 3, 2], [15.2, 8, 150, 3, 2], [13.3, 8, 245, 3, 4],
        [19.2, 8, 175, 3, 2], [27.3, 4, 66, 4, 1], [26, 4, 91, 5, 2], [30.4, 4, 113, 5, 2], [15.8, 8, 264, 5, 4], [19.7, 6, 175, 5, 6],
        [15, 8, 335, 5, 8], [21.4, 4, 109, 4, 2],
    ];

    [Fact]
    public void MeanSdAndTInterval_MatchR_OnMtcarsMpg()
    {
        var mpg = MtCars.Select(r => r[0]).ToArray();
        var d = SurveyStatistics.Describe(mpg);
        Assert.Equal(32, d.N);
        Assert.Equal(20.09062, d.Mean!.Value, 5);
        Assert.Equal(6.026948, d.StandardDeviation!.Value, 6);
        var ci = SurveyStatistics.MeanInterval(mpg)!;
        Assert.Equal(17.91768, ci.Lower, 5);
        Assert.Equal(22.26357, ci.Upper, 5);
    }

    [Fact]
    public void CronbachAlpha_MatchesThePublishedValue_OnMtcars()
    {
        var items = MtCars.Select(r => (IReadOnlyList<double>)[r[1], r[3], r[4], r[2]]).ToList();   // cyl, gear, carb, hp
        var r = SurveyStatistics.Cronbach(items);
        Assert.Equal((32, 4), (r.Respondents, r.Items));
        Assert.Equal(0.09463206, r.Alpha!.Value, 6);
    }

    [Fact]
    public void AlphaAndAlphaIfDeleted_MatchStatsBasesDocumentedExample()
    {
        double[,] cov = { { 10, 6, 6, 6 }, { 6, 11, 6, 6 }, { 6, 6, 12, 6 }, { 6, 6, 6, 13 } };
        Assert.Equal(0.8136, SurveyStatistics.AlphaFromCovariance(cov)!.Value, 4);
        double[] dropped = [0.7500, 0.7606, 0.7714, 0.7826];
        for (var item = 0; item < 4; item++)
        {
            var keep = Enumerable.Range(0, 4).Where(j => j != item).ToArray();
            var sub = new double[3, 3];
            for (var i = 0; i < 3; i++) for (var j = 0; j < 3; j++) sub[i, j] = cov[keep[i], keep[j]];
            Assert.Equal(dropped[item], SurveyStatistics.AlphaFromCovariance(sub)!.Value, 4);
        }
    }

    [Fact]
    public void ItemAnalysis_OnLikertAnswers_DeletesIncompleteRespondents_AndAgreesWithItsDefinition()
    {
        // Five respondents, three 5-point items; the sixth respondent skipped an item and is left out (listwise).
        IReadOnlyList<IReadOnlyList<double>> answers =
        [
            [5, 4, 5], [4, 4, 4], [3, 2, 3], [2, 2, 1], [4, 5, 4], [5, double.NaN, 5],
        ];
        var r = SurveyStatistics.Cronbach(answers);
        Assert.Equal(5, r.Respondents);
        // α if item 3 is deleted is α of items 1 and 2 alone; the corrected item–total r of item 1 is its r with items 2 + 3.
        var two = SurveyStatistics.Cronbach([.. answers.Take(5).Select(a => (IReadOnlyList<double>)[a[0], a[1]])]);
        Assert.Equal(two.Alpha!.Value, r.AlphaIfDeleted[2]!.Value, 12);
        var rest = answers.Take(5).Select(a => a[1] + a[2]).ToArray();
        Assert.Equal(SurveyStatistics.Correlation([.. answers.Take(5).Select(a => a[0])], rest)!.Value, r.ItemTotalCorrelation[0]!.Value, 12);
        Assert.InRange(r.Alpha!.Value, 0.9, 1.0);   // these items move together
    }

    [Theory]
    [InlineData(0.975, 1, 12.7062)]
    [InlineData(0.975, 9, 2.2622)]
    [InlineData(0.975, 31, 2.0395)]
    [InlineData(0.95, 20, 1.7247)]
    [InlineData(0.025, 9, -2.2622)]
    public void TQuantile_MatchesTheTable(double p, int df, double expected) => Assert.Equal(expected, StudentT.Quantile(p, df), 4);

    [Fact]
    public void WilsonInterval_MatchesNewcombe()
    {
        var ci = SurveyStatistics.ProportionInterval(8, 10)!;
        Assert.Equal(0.4902, ci.Lower, 4);
        Assert.Equal(0.9433, ci.Upper, 4);
        Assert.Null(SurveyStatistics.ProportionInterval(11, 10));
        Assert.Null(SurveyStatistics.ProportionInterval(0, 0));
    }

    [Fact]
    public void MarginOfError_ForTheSample_WithAndWithoutAKnownPopulation()
    {
        Assert.Equal(0.049, SurveyStatistics.MarginOfError(400)!.Value, 3);          // the familiar ±4.9 % for 400 answers
        Assert.Equal(0.030, SurveyStatistics.MarginOfError(1067)!.Value, 3);         // and ±3 % for 1,067
        Assert.True(SurveyStatistics.MarginOfError(400, population: 2000) < SurveyStatistics.MarginOfError(400));
        Assert.Equal(0, SurveyStatistics.MarginOfError(500, population: 500)!.Value, 12);   // everyone answered
        Assert.Null(SurveyStatistics.MarginOfError(0));
        Assert.Null(SurveyStatistics.MarginOfError(600, population: 500));
    }

    [Fact]
    public void Growth_IsTheSeedsFormula_AndNullWithoutALastYear()
    {
        Assert.Equal(10, SurveyStatistics.Growth(88, 80)!.Value, 12);
        Assert.Equal(-25, SurveyStatistics.Growth(60, 80)!.Value, 12);
        Assert.Null(SurveyStatistics.Growth(60, 0));
        Assert.Null(SurveyStatistics.Growth(60, null));
    }

    [Fact]
    public void EdgeCases_GiveNoNumbersRatherThanWrongOnes()
    {
        Assert.Equal(new Description(0, null, null, null), SurveyStatistics.Describe([double.NaN]));
        var one = SurveyStatistics.Describe([4]);
        Assert.Equal((1, 4.0, (double?)null, 1.0), (one.N, one.Mean!.Value, one.StandardDeviation, one.SatisfiedShare!.Value));
        Assert.Null(SurveyStatistics.MeanInterval([4]));
        Assert.Null(SurveyStatistics.Cronbach([[4], [5]]).Alpha);                    // one item: no α
        Assert.Null(SurveyStatistics.Cronbach([[3, 3], [3, 3], [3, 3]]).Alpha);     // nobody varies: no α
        Assert.Null(SurveyStatistics.Correlation([1, 1, 1], [1, 2, 3]));
        Assert.Equal(0.6, SurveyStatistics.Describe([5, 4, 3, 2, 4]).SatisfiedShare!.Value, 12);
    }
}
