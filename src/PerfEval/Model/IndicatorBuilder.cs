namespace PerfEval.Model;

/// <summary>
/// Collects one indicator of a project's tree: set what the report gives, add children for a branch.
/// <see cref="EvaluationBuilder.Build"/> validates the whole tree at once.
/// </summary>
/// <remarks>Not thread-safe: one builder belongs to one thread.</remarks>
public sealed class IndicatorBuilder
{
    /// <summary>Creates a builder for an indicator named as the report names it.</summary>
    /// <param name="name">The indicator's name.</param>
    /// <param name="weight">Its weight in points, or <see langword="null"/> when the report gives none.</param>
    public IndicatorBuilder(string name, decimal? weight = null)
    {
        Name = name;
        Weight = weight;
    }

    /// <summary>The name (required, not blank, no <c>/</c>).</summary>
    public string Name { get; set; }

    /// <summary>The weight (分值); <see langword="null"/> lets the scheme assign it.</summary>
    public decimal? Weight { get; set; }

    /// <summary>The scoring method; <see langword="null"/> uses the scheme's default for <see cref="Direction"/>.</summary>
    public ScoringMethod? Method { get; set; }

    /// <summary>Which way the actual should go.</summary>
    public Direction Direction { get; set; }

    /// <summary>The target as written (<c>≥95%</c>).</summary>
    public string? Target { get; set; }

    /// <summary>The actual value as written (<c>76%</c>).</summary>
    public string? Actual { get; set; }

    /// <summary>The unit column, if the table has one.</summary>
    public string? Unit { get; set; }

    /// <summary>A figure the report's prose states for this indicator (<c>99490.00元</c>), checked against the table.</summary>
    public string? TextValue { get; set; }

    /// <summary>The prose that states <see cref="TextValue"/>.</summary>
    public string? TextQuote { get; set; }

    /// <summary>The report's own score for this node (自评得分).</summary>
    public decimal? SelfScore { get; set; }

    /// <summary>Itemized parts of the self-score whose weights the report does not give.</summary>
    public IList<ScorePart> SelfScoreParts => _selfScoreParts ??= [];

    /// <summary>Whether the indicator is 不适用.</summary>
    public bool NotApplicable { get; set; }

    /// <summary>偏差原因.</summary>
    public string? DeviationReason { get; set; }

    /// <summary>For a checklist: which criteria were met, in order; <see langword="null"/> when not stated.</summary>
    public IList<bool>? Checklist { get; set; }

    /// <summary>
    /// Bonus points the row's scoring criterion grants above its weight (每超额完成一项加1分，最多加2分 → 2);
    /// <see langword="null"/> for none. The row may then score up to weight + bonus, its level-1 block never above its own weight.
    /// </summary>
    public decimal? MaxBonus { get; set; }

    /// <summary>The bonus earned per unit of the actual beyond the target (每超额完成一项加1分 → 1); needs <see cref="MaxBonus"/>.</summary>
    public decimal? BonusPerUnit { get; set; }

    /// <summary>
    /// For a level-1 block scored on its own scale: the points its rows add up to (an indicator table scored
    /// out of 100 and counted as 80 has <see cref="Weight"/> 80 and <see cref="Scale"/> 100); <see langword="null"/> when the rows add up to the weight.
    /// </summary>
    public decimal? Scale { get; set; }

    /// <summary>The transcriber's note.</summary>
    public string? Note { get; set; }

    /// <summary>
    /// Where the node came from in a file (set by the loader), so problems can name the JSON path. On the node itself,
    /// not in a side table keyed by identity: an identity hash costs more than reading the node.
    /// </summary>
    internal Serialization.JsonOrigin? Origin { get; set; }

    /// <summary>The children; a node with children is a branch and carries no leaf fields.</summary>
    public IList<IndicatorBuilder> Children => _children ??= [];

    // Made when first asked for: a file's reader builds a node for every indicator of every record, and most have
    // neither children (leaves) nor parts.
    private List<IndicatorBuilder>? _children;
    private List<ScorePart>? _selfScoreParts;

    /// <summary>How many children there are, without making the list.</summary>
    internal int ChildCount => _children?.Count ?? 0;

    /// <summary>The parts, without making the list.</summary>
    internal IReadOnlyList<ScorePart> PartsOrEmpty => (IReadOnlyList<ScorePart>?)_selfScoreParts ?? [];

    /// <summary>Adds a child and returns it, for chaining.</summary>
    /// <param name="name">The child's name.</param>
    /// <param name="weight">The child's weight.</param>
    /// <returns>The child's builder.</returns>
    public IndicatorBuilder Add(string name, decimal? weight = null)
    {
        var child = new IndicatorBuilder(name, weight);
        Children.Add(child);
        return child;
    }
}
