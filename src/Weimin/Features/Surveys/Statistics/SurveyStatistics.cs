namespace Weimin.Features.Surveys.Statistics;

/// <summary>n, mean, sample standard deviation and the share of answers at or above the "satisfied" mark.</summary>
public sealed record Description(int N, double? Mean, double? StandardDeviation, double? SatisfiedShare);

public sealed record Interval(double Lower, double Upper);

/// <summary>Cronbach's α of a set of items, with α if each item is deleted and each item's corrected item–total correlation.</summary>
public sealed record Reliability(int Respondents, int Items, double? Alpha, IReadOnlyList<double?> AlphaIfDeleted, IReadOnlyList<double?> ItemTotalCorrelation);

/// <summary>
/// The statistics of the satisfaction surveys, as pure functions over the answers (no database): what the seeds ask
/// for — means, % satisfied, confidence intervals and margins of error for the sample, reliability (Cronbach's α)
/// and year-on-year growth. A missing answer is <see cref="double.NaN"/>; results that cannot be computed are null.
/// </summary>
public static class SurveyStatistics
{
    /// <summary>On the 5-point scale (5 = 非常滿意), 4 and 5 count as satisfied, as the seeds' 滿意度 does.</summary>
    public const double SatisfiedFrom = 4;

    public static Description Describe(IEnumerable<double> answers, double satisfiedFrom = SatisfiedFrom)
    {
        var xs = answers.Where(x => !double.IsNaN(x)).ToArray();
        if (xs.Length == 0) return new Description(0, null, null, null);
        var mean = xs.Average();
        double? sd = xs.Length < 2 ? null : Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1));
        return new Description(xs.Length, mean, sd, xs.Count(x => x >= satisfiedFrom) / (double)xs.Length);
    }

    /// <summary>The confidence interval of a mean (Student's t with n − 1 degrees of freedom); null below two answers.</summary>
    public static Interval? MeanInterval(IEnumerable<double> answers, double level = 0.95)
    {
        var d = Describe(answers);
        if (d.N < 2 || d.Mean is not { } mean || d.StandardDeviation is not { } sd) return null;
        var half = StudentT.Quantile(1 - (1 - level) / 2, d.N - 1) * sd / Math.Sqrt(d.N);
        return new Interval(mean - half, mean + half);
    }

    /// <summary>Wilson's score interval of a proportion (better than p ± z·se for small samples and shares near 0 or 1).</summary>
    public static Interval? ProportionInterval(int successes, int n, double z = 1.959963984540054)
    {
        if (n <= 0 || successes < 0 || successes > n) return null;
        var p = successes / (double)n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// The margin of error of a share for a sample of <paramref name="n"/> (worst case p = 0.5 unless given), with the
    /// finite-population correction when the population (e.g. the year's applicants) is known.
    /// </summary>
    public static double? MarginOfError(int n, double p = 0.5, long? population = null, double z = 1.959963984540054)
    {
        if (n <= 0 || p is < 0 or > 1) return null;
        var moe = z * Math.Sqrt(p * (1 - p) / n);
        if (population is { } size)
        {
            if (size < n || size < 2) return null;
            moe *= Math.Sqrt((size - n) / (double)(size - 1));
        }
        return moe;
    }

    /// <summary>The seeds' growth: (this year − last year) ÷ last year × 100 %; null without a last year to divide by.</summary>
    public static double? Growth(double? thisYear, double? lastYear) =>
        thisYear is { } now && lastYear is { } then && then != 0 ? (now - then) / then * 100 : null;

    /// <summary>
    /// Cronbach's α of the items (columns) over the respondents (rows), with listwise deletion: a respondent missing
    /// any item of the set is left out. α if an item is deleted and the corrected item–total correlation (the item
    /// against the sum of the others) are given per item.
    /// </summary>
    public static Reliability Cronbach(IReadOnlyList<IReadOnlyList<double>> responses)
    {
        var k = responses.Count == 0 ? 0 : responses[0].Count;
        var rows = responses.Where(r => r.Count == k && r.All(x => !double.IsNaN(x))).ToList();
        var n = rows.Count;
        if (k < 2 || n < 2) return new Reliability(n, k, null, [.. Enumerable.Repeat<double?>(null, k)], [.. Enumerable.Repeat<double?>(null, k)]);

        var covariance = new double[k, k];
        var means = Enumerable.Range(0, k).Select(j => rows.Average(r => r[j])).ToArray();
        for (var i = 0; i < k; i++)
            for (var j = i; j < k; j++)
                covariance[i, j] = covariance[j, i] = rows.Sum(r => (r[i] - means[i]) * (r[j] - means[j])) / (n - 1);

        var alpha = AlphaFromCovariance(covariance);
        var dropped = new double?[k];
        var itemTotal = new double?[k];
        for (var item = 0; item < k; item++)
        {
            var keep = Enumerable.Range(0, k).Where(j => j != item).ToArray();
            dropped[item] = k > 2 ? AlphaFromCovariance(Sub(covariance, keep)) : null;
            itemTotal[item] = Correlation(rows.Select(r => r[item]).ToArray(), rows.Select(r => keep.Sum(j => r[j])).ToArray());
        }
        return new Reliability(n, k, alpha, dropped, itemTotal);
    }

    /// <summary>α = k/(k−1) · (1 − Σ item variances ÷ variance of the total), the total's variance being the sum of the covariance matrix.</summary>
    public static double? AlphaFromCovariance(double[,] covariance)
    {
        var k = covariance.GetLength(0);
        if (k < 2 || covariance.GetLength(1) != k) return null;
        double items = 0, total = 0;
        for (var i = 0; i < k; i++)
        {
            items += covariance[i, i];
            for (var j = 0; j < k; j++) total += covariance[i, j];
        }
        return total <= 0 ? null : k / (k - 1.0) * (1 - items / total);
    }

    /// <summary>Pearson's r; null when either side does not vary.</summary>
    public static double? Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2) return null;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx <= 0 || syy <= 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[,] Sub(double[,] m, int[] keep)
    {
        var r = new double[keep.Length, keep.Length];
        for (var i = 0; i < keep.Length; i++)
            for (var j = 0; j < keep.Length; j++)
                r[i, j] = m[keep[i], keep[j]];
        return r;
    }
}

/// <summary>Student's t distribution: the CDF through the regularized incomplete beta function, the quantile by bisection on it.</summary>
public static class StudentT
{
    public static double Cdf(double t, double df)
    {
        var x = df / (df + t * t);
        var tail = 0.5 * IncompleteBeta.Regularized(df / 2, 0.5, x);
        return t >= 0 ? 1 - tail : tail;
    }

    public static double Quantile(double p, double df)
    {
        if (p is <= 0 or >= 1 || df <= 0) throw new ArgumentOutOfRangeException(nameof(p));
        if (p < 0.5) return -Quantile(1 - p, df);
        double lo = 0, hi = 1;
        while (Cdf(hi, df) < p) hi *= 2;
        for (var i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            var mid = (lo + hi) / 2;
            if (Cdf(mid, df) < p) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}

/// <summary>I_x(a, b) by its continued fraction (modified Lentz), using the symmetry relation where it converges faster.</summary>
internal static class IncompleteBeta
{
    public static double Regularized(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * Fraction(a, b, x) / a
            : 1 - front * Fraction(b, a, 1 - x) / b;
    }

    private static double Fraction(double a, double b, double x)
    {
        const double tiny = 1e-300, eps = 1e-15;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + num / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d; h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + num / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < eps) break;
        }
        return h;
    }

    /// <summary>ln Γ(z) by the Lanczos approximation (g = 7, nine coefficients), accurate to about 15 digits for z &gt; 0.</summary>
    private static double LogGamma(double z)
    {
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (z < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LogGamma(1 - z);
        z -= 1;
        var x = c[0];
        for (var i = 1; i < 9; i++) x += c[i] / (z + i);
        var t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(x);
    }
}
