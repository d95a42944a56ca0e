using System.Collections.Immutable;
using PerfEval.Values;

namespace PerfEval.Model;

/// <summary>An item of a self-score the report itemizes without giving the items' weights (目标设置 5.2 = 1.7 + 1.7 + 1.8).</summary>
/// <param name="Name">The item's name.</param>
/// <param name="SelfScore">The score the report gives it.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScorePart(string Name, decimal SelfScore);

/// <summary>
/// One node of a project's indicator tree (一级/二级/三级指标): a branch with children, or a leaf with a
/// target, an actual value and a scoring method. Built by <see cref="IndicatorBuilder"/> through
/// <see cref="EvaluationBuilder"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Indicator
{
    internal Indicator(IndicatorBuilder b, string path, int level, ImmutableArray<Indicator> children,
        IndicatorValue? target, IndicatorValue? actual, IndicatorValue? textValue, ImmutableArray<Problem> valueProblems,
        Serialization.JsonOrigin? origin = null)
    {
        Origin = origin;
        Name = b.Name;
        Path = path;
        Level = level;
        Weight = b.Weight;
        Children = children;
        Method = b.Method;
        Direction = b.Direction;
        Target = target;
        Actual = actual;
        TargetText = b.Target;
        ActualText = b.Actual;
        TextValue = textValue;
        TextQuote = b.TextQuote;
        Unit = b.Unit;
        SelfScore = b.SelfScore;
        SelfScoreParts = [.. b.PartsOrEmpty];
        IsNotApplicable = b.NotApplicable;
        DeviationReason = b.DeviationReason;
        Checklist = b.Checklist is null ? null : [.. b.Checklist];
        Note = b.Note;
        MaxBonus = b.MaxBonus;
        BonusPerUnit = b.BonusPerUnit;
        Scale = b.Scale;
        ValueProblems = valueProblems;
        TextValueText = b.TextValue;
    }

    // A copy with some parts replaced: live re-grading changes one leaf and rebuilds the path above it.
    private Indicator(Indicator o, ImmutableArray<Indicator> children, string? actualText, IndicatorValue? target, IndicatorValue? actual,
        IndicatorValue? textValue, ImmutableArray<Problem> valueProblems, decimal? selfScore)
    {
        (Origin, Name, Path, Level, Weight, Method, Direction, TargetText, TextQuote, Unit) = (o.Origin, o.Name, o.Path, o.Level, o.Weight, o.Method, o.Direction, o.TargetText, o.TextQuote, o.Unit);
        (SelfScoreParts, IsNotApplicable, DeviationReason, Checklist, Note, TextValueText) = (o.SelfScoreParts, o.IsNotApplicable, o.DeviationReason, o.Checklist, o.Note, o.TextValueText);
        (Children, ActualText, Target, Actual, TextValue, ValueProblems, SelfScore) = (children, actualText, target, actual, textValue, valueProblems, selfScore);
    }

    /// <summary>This node with another self-score.</summary>
    internal Indicator WithSelfScore(decimal? selfScore) =>
        new(this, Children, ActualText, Target, Actual, TextValue, ValueProblems, selfScore);

    /// <summary>This node with the child at <paramref name="slot"/> replaced.</summary>
    internal Indicator WithChild(int slot, Indicator child) =>
        new(this, Children.SetItem(slot, child), ActualText, Target, Actual, TextValue, ValueProblems, SelfScore);

    /// <summary>This leaf with another actual value, its values read again as a fresh build reads them.</summary>
    internal Indicator WithActual(string? actualText)
    {
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var target = EvaluationBuilder.ReadValue(Path, TargetText, Unit, "target", Origin, problems);
        var actual = EvaluationBuilder.ReadValue(Path, actualText, Unit, "actual", Origin, problems);
        var textValue = EvaluationBuilder.ReadValue(Path, TextValueText, Unit, "textValue", Origin, problems);
        return new(this, Children, actualText, target, actual, textValue, problems.ToImmutable(), SelfScore);
    }

    /// <summary>The prose figure exactly as written (<see cref="TextValue"/> read from it).</summary>
    internal string? TextValueText { get; }

    /// <summary>The indicator's name as the report writes it.</summary>
    public string Name { get; }

    /// <summary>The names from the root down, joined by <c>/</c>: <c>产出指标/数量指标/支持中小企业数量</c>.</summary>
    public string Path { get; }

    /// <summary>1 for 一级指标, 2 for 二级指标, and so on.</summary>
    public int Level { get; }

    /// <summary>The weight (分值) in points, or <see langword="null"/> when the report gives none and the scheme assigns it.</summary>
    public decimal? Weight { get; }

    /// <summary>The children; empty for a leaf.</summary>
    public ImmutableArray<Indicator> Children { get; }

    /// <summary>Whether this node is scored itself rather than summed from children.</summary>
    public bool IsLeaf => Children.IsEmpty;

    /// <summary>The scoring method the report names; <see langword="null"/> means the scheme's default for the direction.</summary>
    public ScoringMethod? Method { get; }

    /// <summary>Which way the actual value should go.</summary>
    public Direction Direction { get; }

    /// <summary>The target (年度指标值), read from the text, or <see langword="null"/> when none was given or it could not be read.</summary>
    public IndicatorValue? Target { get; }

    /// <summary>The actual value (实际完成值), or <see langword="null"/> when none was given or it could not be read.</summary>
    public IndicatorValue? Actual { get; }

    /// <summary>The target exactly as written, whether or not it could be read.</summary>
    public string? TargetText { get; }

    /// <summary>The actual value exactly as written, whether or not it could be read.</summary>
    public string? ActualText { get; }

    /// <summary>A figure the report's prose states for this indicator, to be checked against the table.</summary>
    public IndicatorValue? TextValue { get; }

    /// <summary>The prose that states <see cref="TextValue"/>.</summary>
    public string? TextQuote { get; }

    /// <summary>The unit from a separate table column, if any.</summary>
    public string? Unit { get; }

    /// <summary>The score the report gives this node (自评得分), if any.</summary>
    public decimal? SelfScore { get; }

    /// <summary>Itemized parts of <see cref="SelfScore"/> whose weights the report does not give.</summary>
    public ImmutableArray<ScorePart> SelfScoreParts { get; }

    /// <summary>Whether the indicator is 不适用 and drops out.</summary>
    public bool IsNotApplicable { get; }

    /// <summary>The reason for deviation (偏差原因), if any.</summary>
    public string? DeviationReason { get; }

    /// <summary>For a checklist: which criteria were met, in order; <see langword="null"/> when the report does not say.</summary>
    public ImmutableArray<bool>? Checklist { get; }

    /// <summary>The transcriber's note: what is assumed, what the report does not give.</summary>
    public string? Note { get; }

    /// <summary>Bonus points the row's criterion grants above its weight, or <see langword="null"/> for none.</summary>
    public decimal? MaxBonus { get; }

    /// <summary>The bonus earned per unit of the actual beyond the target, or <see langword="null"/>.</summary>
    public decimal? BonusPerUnit { get; }

    /// <summary>For a level-1 block scored on its own scale, the points its rows add up to (counted as <see cref="Weight"/>); otherwise <see langword="null"/>.</summary>
    public decimal? Scale { get; }

    /// <summary>Texts in this node that could not be read (code <c>UnreadableValue</c>), with the text at fault.</summary>
    public ImmutableArray<Problem> ValueProblems { get; }

    /// <summary>Where the indicator stands in its file, when it came from one, so later problems can name the place.</summary>
    internal Serialization.JsonOrigin? Origin { get; }

    /// <inheritdoc/>
    public override string ToString() => Path;
}
