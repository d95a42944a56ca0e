using PerfEval.Testing;

namespace PerfEval.Rules.Tests.PublicApi;

/// <summary>The public surface of the PerfEval.Rules package against its approved listing (see <see cref="PublicApiListing"/>).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_approved_listing() =>
        PublicApiListing.AssertMatchesApproved(typeof(RuleCompiler).Assembly,
            Path.Combine(Repo.Root, "tests", "PerfEval.Rules.Tests", "PublicApi"));

    [Fact]
    public void Public_classes_are_sealed_static_or_abstract() =>
        Assert.Empty(PublicApiListing.OpenClasses(typeof(RuleCompiler).Assembly));
}
