namespace PerfEval.Excel.Tests.PublicApi;

/// <summary>The public surface of the PerfEval.Excel package against its approved listing (see <see cref="PublicApiListing"/>).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_approved_listing() =>
        PublicApiListing.AssertMatchesApproved(typeof(EvaluationWorkbook).Assembly,
            Path.Combine(Repo.Root, "tests", "PerfEval.Excel.Tests", "PublicApi"));

    [Fact]
    public void Public_classes_are_sealed_static_or_abstract() =>
        Assert.Empty(PublicApiListing.OpenClasses(typeof(EvaluationWorkbook).Assembly));
}
