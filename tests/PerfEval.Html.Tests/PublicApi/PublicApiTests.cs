namespace PerfEval.Html.Tests.PublicApi;

/// <summary>The public surface of the PerfEval.Html package against its approved listing (see <see cref="PublicApiListing"/>).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_approved_listing() =>
        PublicApiListing.AssertMatchesApproved(typeof(ScorecardPage).Assembly, Path.Combine(Repo.Root, "tests", "PerfEval.Html.Tests", "PublicApi"));

    [Fact]
    public void Public_classes_are_sealed_static_or_abstract() =>
        Assert.Empty(PublicApiListing.OpenClasses(typeof(ScorecardPage).Assembly));
}
