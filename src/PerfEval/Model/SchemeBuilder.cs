using System.Collections.Immutable;
using System.Globalization;

namespace PerfEval.Model;

/// <summary>Builds a <see cref="Scheme"/>; <see cref="Build()"/> validates it and reports every problem at once.</summary>
/// <remarks>Not thread-safe: one builder belongs to one thread. The built scheme is immutable.</remarks>
public sealed class SchemeBuilder
{
    /// <summary>Creates a builder.</summary>
    /// <param name="id">The scheme's id.</param>
    /// <param name="name">The scheme's name.</param>
    public SchemeBuilder(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The id (required; letters, digits, <c>-</c>).</summary>
    public string Id { get; set; }

    /// <summary>The name (required).</summary>
    public string Name { get; set; }

    /// <summary>An English name.</summary>
    public string? NameEn { get; set; }

    /// <summary>The region.</summary>
    public string? Region { get; set; }

    /// <summary>The parent scheme's id, for information once resolved.</summary>
    public string? Extends { get; set; }

    /// <summary>The public documents it follows.</summary>
    public IList<string> Sources { get; } = new List<string>();

    /// <summary>The expected indicators.</summary>
    public IList<FrameIndicator> Frame { get; } = new List<FrameIndicator>();

    /// <summary>The default methods.</summary>
    public MethodDefaults Defaults { get; set; } = MethodDefaults.National;

    /// <summary>The grade bands (any order; they are sorted by minimum).</summary>
    public IList<GradeBand> Grades { get; } = new List<GradeBand>();

    /// <summary>The rounding rule.</summary>
    public RoundingPolicy Rounding { get; set; } = RoundingPolicy.Default;

    /// <summary>The not-applicable rule.</summary>
    public NotApplicablePolicy NotApplicable { get; set; } = NotApplicablePolicy.Rescale;

    /// <summary>How far a stated figure may be from the computed one (default 0.005).</summary>
    public decimal Tolerance { get; set; } = 0.005m;

    /// <summary>The policies.</summary>
    public IList<Policy> Policies { get; } = new List<Policy>();

    /// <summary>The national grade bands: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.</summary>
    /// <returns>This builder.</returns>
    public SchemeBuilder WithNationalGrades()
    {
        Grades.Clear();
        Grades.Add(new GradeBand("优", 90m, "Excellent"));
        Grades.Add(new GradeBand("良", 80m, "Good"));
        Grades.Add(new GradeBand("中", 60m, "Fair"));
        Grades.Add(new GradeBand("差", 0m, "Poor"));
        return this;
    }

    /// <summary>Validates and builds.</summary>
    /// <returns>The scheme.</returns>
    /// <exception cref="SchemeException">With every problem found.</exception>
    public Scheme Build() => Build(file: null);

    internal Scheme Build(string? file)
    {
        var problems = new List<Problem>();
        void Add(string code, string zh, string en) => problems.Add(new Problem(code, null, zh, en));

        if (string.IsNullOrWhiteSpace(Id) || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            Add("InvalidId", $"方案 id 只能由字母、数字和 - 组成：“{Id}”", $"A scheme id is letters, digits and '-': \"{Id}\"");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            Add("MissingField", "方案缺少名称", "The scheme has no name");
        }

        var grades = Grades.OrderByDescending(g => g.Min).ToImmutableArray();
        if (grades.IsEmpty)
        {
            Add("NoGrades", "方案没有评价等级", "The scheme has no grade bands");
        }
        else
        {
            if (grades[^1].Min > 0)
            {
                Add("GradesDoNotCover", $"评价等级未覆盖 0 分：最低一档从 {F(grades[^1].Min)} 分起",
                    $"The grade bands do not cover 0: the lowest starts at {F(grades[^1].Min)}");
            }

            for (var i = 1; i < grades.Length; i++)
            {
                if (grades[i].Min == grades[i - 1].Min)
                {
                    Add("GradesOverlap", $"评价等级“{grades[i - 1].Name}”与“{grades[i].Name}”起点相同（{F(grades[i].Min)}）",
                        $"Grades {grades[i - 1].Name} and {grades[i].Name} start at the same total {F(grades[i].Min)}");
                }
            }

            foreach (var g in grades)
            {
                if (g.Min < 0 || g.Min > 100 || string.IsNullOrWhiteSpace(g.Name))
                {
                    Add("InvalidGrade", $"评价等级“{g.Name}”的起点 {F(g.Min)} 不在 0…100 内或名称为空",
                        $"Grade \"{g.Name}\" starts at {F(g.Min)}, outside 0…100, or has no name");
                }
            }

            if (grades.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count() != grades.Length)
            {
                Add("DuplicateGrade", "评价等级名称重复", "Two grade bands have the same name");
            }
        }

        if (Rounding is null || Rounding.Places is < 0 or > 6)
        {
            Add("InvalidRounding", "保留小数位须在 0…6 之间", "Rounding places must be 0…6");
        }

        if (Tolerance < 0)
        {
            Add("InvalidTolerance", "容差不得为负", "The tolerance cannot be negative");
        }

        if (Frame.Count > 0)
        {
            if (Frame.All(f => f.Weight is not null) && Frame.Sum(f => f.Weight!.Value) != 100m)
            {
                Add("WeightSumMismatch", $"一级指标分值合计 {F(Frame.Sum(f => f.Weight ?? 0))}，不等于 100",
                    $"The level-1 weights add up to {F(Frame.Sum(f => f.Weight ?? 0))}, not 100");
            }

            foreach (var f in Frame)
            {
                if (f.Weight is { } w && f.Children.Length > 0 && f.Children.All(c => c.Weight is not null) && f.Children.Sum(c => c.Weight!.Value) != w)
                {
                    Add("WeightSumMismatch", $"“{f.Name}”的下级分值合计 {F(f.Children.Sum(c => c.Weight!.Value))}，不等于 {F(w)}",
                        $"The children of {f.Name} add up to {F(f.Children.Sum(c => c.Weight!.Value))}, not {F(w)}");
                }
            }
        }

        foreach (var p in Policies)
        {
            if (p.Grade is { } g && !Grades.Any(b => string.Equals(b.Name, g, StringComparison.Ordinal)))
            {
                Add("UnknownGrade", $"政策“{p.Name}”引用了方案中没有的等级“{g}”", $"Policy \"{p.Name}\" names grade \"{g}\", which the scheme does not have");
            }
        }

        if (problems.Count > 0)
        {
            throw new SchemeException(file, problems);
        }

        return new Scheme(this, grades);
    }

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
