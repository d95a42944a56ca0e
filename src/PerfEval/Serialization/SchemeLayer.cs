using System.Collections.Immutable;
using System.Globalization;
using PerfEval.Model;

namespace PerfEval.Serialization;

/// <summary>One indicator of a scheme file's frame, as the file states it (weight and lists may be absent).</summary>
internal sealed record FrameLayer(string Name, decimal? Weight, ImmutableArray<string>? Aliases, ImmutableArray<FrameLayer>? Children)
{
    public static FrameLayer From(FrameIndicator f) => new(f.Name, f.Weight, f.Aliases, [.. f.Children.Select(From)]);

    public FrameIndicator ToIndicator() => new(Name, Weight, [.. (Children ?? []).Select(c => c.ToIndicator())], Aliases ?? []);
}

/// <summary>
/// A scheme's fields as one file states them — absent fields are null — or, from a built scheme, all of
/// them. <see cref="Over"/> applies a child file on top of a resolved parent by the composition rule.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed record SchemeLayer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? NameEn { get; init; }

    public string? Region { get; init; }

    public ImmutableArray<string> Sources { get; init; } = [];

    public string? Extends { get; init; }

    public ImmutableArray<FrameLayer>? Frame { get; init; }

    public bool ReplaceFrame { get; init; }

    public ScoringMethod? Positive { get; init; }

    public ScoringMethod? Negative { get; init; }

    public ScoringMethod? Equal { get; init; }

    public ScoringMethod? Qualitative { get; init; }

    public ScoringMethod? ExecutionRate { get; init; }

    public ImmutableArray<GradeBand>? Grades { get; init; }

    public int? Places { get; init; }

    public MidpointRounding? Mode { get; init; }

    public RoundingScope? Scope { get; init; }

    public NotApplicablePolicy? NotApplicable { get; init; }

    public decimal? Tolerance { get; init; }

    public ImmutableArray<Policy> Policies { get; init; } = [];

    public bool ReplacePolicies { get; init; }

    /// <summary>Every field of a built scheme, for a child to extend.</summary>
    public static SchemeLayer From(Scheme s) => new()
    {
        Id = s.Id,
        Name = s.Name,
        NameEn = s.NameEn,
        Region = s.Region,
        Sources = s.Sources,
        Extends = s.Extends,
        Frame = [.. s.Frame.Select(FrameLayer.From)],
        Positive = s.Defaults.Positive,
        Negative = s.Defaults.Negative,
        Equal = s.Defaults.Equal,
        Qualitative = s.Defaults.Qualitative,
        ExecutionRate = s.Defaults.ExecutionRate,
        Grades = s.Grades,
        Places = s.Rounding.Places,
        Mode = s.Rounding.Mode,
        Scope = s.Rounding.Scope,
        NotApplicable = s.NotApplicable,
        Tolerance = s.Tolerance,
        Policies = s.Policies,
    };

    /// <summary>
    /// This (child) layer over a resolved parent: identity fields are the child's; scalars and rounding
    /// fields override; grades replace; defaults merge per key; the frame merges by indicator name; policies
    /// are appended unless <see cref="ReplacePolicies"/>.
    /// </summary>
    public SchemeLayer Over(SchemeLayer parent) => this with
    {
        Frame = ReplaceFrame || parent.Frame is null ? Frame ?? [] : MergeFrame(parent.Frame.Value, Frame ?? []),
        Positive = Positive ?? parent.Positive,
        Negative = Negative ?? parent.Negative,
        Equal = Equal ?? parent.Equal,
        Qualitative = Qualitative ?? parent.Qualitative,
        ExecutionRate = ExecutionRate ?? parent.ExecutionRate,
        Grades = Grades ?? parent.Grades,
        Places = Places ?? parent.Places,
        Mode = Mode ?? parent.Mode,
        Scope = Scope ?? parent.Scope,
        NotApplicable = NotApplicable ?? parent.NotApplicable,
        Tolerance = Tolerance ?? parent.Tolerance,
        Policies = ReplacePolicies ? Policies : parent.Policies.AddRange(Policies),
    };

    private static ImmutableArray<FrameLayer> MergeFrame(ImmutableArray<FrameLayer> parent, ImmutableArray<FrameLayer> child)
    {
        var result = ImmutableArray.CreateBuilder<FrameLayer>();
        foreach (var p in parent)
        {
            var c = child.FirstOrDefault(x => string.Equals(x.Name, p.Name, StringComparison.Ordinal));
            result.Add(c is null
                ? p
                : new FrameLayer(p.Name, c.Weight ?? p.Weight, c.Aliases ?? p.Aliases,
                    c.Children is null ? p.Children : MergeFrame(p.Children ?? [], c.Children.Value)));
        }

        foreach (var c in child)
        {
            if (!parent.Any(x => string.Equals(x.Name, c.Name, StringComparison.Ordinal)))
            {
                result.Add(c);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A builder holding this (resolved) layer; fields still absent take <see cref="SchemeBuilder"/>'s defaults.</summary>
    public SchemeBuilder ToBuilder()
    {
        var national = MethodDefaults.National;
        var rounding = RoundingPolicy.Default;
        var b = new SchemeBuilder(Id, Name)
        {
            NameEn = NameEn,
            Region = Region,
            Extends = Extends,
            Defaults = new MethodDefaults(
                Positive ?? national.Positive, Negative ?? national.Negative, Equal ?? national.Equal,
                Qualitative ?? national.Qualitative, ExecutionRate ?? national.ExecutionRate),
            Rounding = new RoundingPolicy(Places ?? rounding.Places, Mode ?? rounding.Mode, Scope ?? rounding.Scope),
            NotApplicable = NotApplicable ?? NotApplicablePolicy.Rescale,
        };
        if (Tolerance is { } t)
        {
            b.Tolerance = t;
        }

        foreach (var s in Sources)
        {
            b.Sources.Add(s);
        }

        foreach (var f in Frame ?? [])
        {
            b.Frame.Add(f.ToIndicator());
        }

        foreach (var g in Grades ?? [])
        {
            b.Grades.Add(g);
        }

        foreach (var p in Policies)
        {
            b.Policies.Add(p);
        }

        return b;
    }

    /// <summary>Reads a scheme file's DTO, checking what can be checked in one file.</summary>
    public static SchemeLayer FromDto(SchemeDto d, ProblemList problems)
    {
        var sources = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < (d.Sources?.Count ?? 0); i++)
        {
            if (d.Sources![i] is { } s)
            {
                sources.Add(s);
            }
            else
            {
                problems.NullItem(StrictJson.Item("$.sources", i));
            }
        }

        ImmutableArray<GradeBand>? grades = null;
        if (d.Grades is { } gs)
        {
            var list = ImmutableArray.CreateBuilder<GradeBand>();
            for (var i = 0; i < gs.Count; i++)
            {
                if (gs[i] is { } g)
                {
                    list.Add(new GradeBand(g.Name, g.Min, g.NameEn));
                }
                else
                {
                    problems.NullItem(StrictJson.Item("$.grades", i));
                }
            }

            grades = list.ToImmutable();
        }

        var defaults = d.Defaults;
        ScoringMethod? Method(MethodDto? m, string key) => m is null ? null : MethodJson.Read(m, "$.defaults." + key, problems);

        return new SchemeLayer
        {
            Id = d.Id,
            Name = d.Name,
            NameEn = d.NameEn,
            Region = d.Region,
            Sources = sources.ToImmutable(),
            Extends = d.Extends,
            Frame = d.Frame is null ? null : ReadFrame(d.Frame, "$.frame", problems),
            ReplaceFrame = d.ReplaceFrame ?? false,
            Positive = Method(defaults?.Positive, "positive"),
            Negative = Method(defaults?.Negative, "negative"),
            Equal = Method(defaults?.Equal, "equal"),
            Qualitative = Method(defaults?.Qualitative, "qualitative"),
            ExecutionRate = Method(defaults?.ExecutionRate, "executionRate"),
            Grades = grades,
            Places = d.Rounding?.Places,
            Mode = MethodJson.Enum(d.Rounding?.Mode, "$.rounding.mode", "rounding mode", "舍入方式", SchemeFile.Modes, problems),
            Scope = MethodJson.Enum(d.Rounding?.Scope, "$.rounding.scope", "rounding scope", "舍入范围", SchemeFile.Scopes, problems),
            NotApplicable = MethodJson.Enum(d.NotApplicable, "$.notApplicable", "not-applicable rule", "不适用规则", SchemeFile.NotApplicables, problems),
            Tolerance = d.Tolerance,
            Policies = ReadPolicies(d.Policies, problems),
            ReplacePolicies = d.ReplacePolicies ?? false,
        };
    }

    private static ImmutableArray<FrameLayer> ReadFrame(List<FrameDto?> nodes, string path, ProblemList problems)
    {
        var result = ImmutableArray.CreateBuilder<FrameLayer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = StrictJson.Item(path, i);
            if (nodes[i] is not { } n)
            {
                problems.NullItem(at);
                continue;
            }

            if (string.IsNullOrWhiteSpace(n.Name) || n.Name.Contains('/', StringComparison.Ordinal))
            {
                problems.Add("MissingName", StrictJson.Child(at, "name"), "框架指标名称为空或含有“/”", "A frame indicator's name is blank or contains '/'", n.Name);
            }
            else if (!seen.Add(n.Name))
            {
                problems.Add("DuplicateIndicator", StrictJson.Child(at, "name"), $"同级框架指标重名：{n.Name}", $"Two sibling frame indicators are named {n.Name}", n.Name);
            }

            if (n.Weight is < 0)
            {
                problems.Add("NegativeWeight", StrictJson.Child(at, "weight"), $"分值为负：{MethodJson.F(n.Weight.Value)}", $"Negative weight {MethodJson.F(n.Weight.Value)}");
            }

            ImmutableArray<string>? aliases = null;
            if (n.Aliases is { } a)
            {
                var list = ImmutableArray.CreateBuilder<string>();
                for (var j = 0; j < a.Count; j++)
                {
                    if (a[j] is { } alias)
                    {
                        list.Add(alias);
                    }
                    else
                    {
                        problems.NullItem(StrictJson.Item(StrictJson.Child(at, "aliases"), j));
                    }
                }

                aliases = list.ToImmutable();
            }

            result.Add(new FrameLayer(n.Name, n.Weight, aliases, n.Children is null ? null : ReadFrame(n.Children, StrictJson.Child(at, "children"), problems)));
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<Policy> ReadPolicies(List<PolicyDto?>? dtos, ProblemList problems)
    {
        var result = ImmutableArray.CreateBuilder<Policy>();
        for (var i = 0; i < (dtos?.Count ?? 0); i++)
        {
            var at = StrictJson.Item("$.policies", i);
            if (dtos![i] is not { } p)
            {
                problems.NullItem(at);
                continue;
            }

            if (MethodJson.Enum(p.Kind, StrictJson.Child(at, "kind"), "policy kind", "政策类型", SchemeFile.PolicyKinds, problems) is not { } kind)
            {
                continue;
            }

            var before = problems.Items.Count;
            void Field(bool needed, object? value, string field)
            {
                if (needed && value is null)
                {
                    problems.Missing(at, field);
                }
                else if (!needed && value is not null)
                {
                    problems.NotAllowed(at, field, p.Kind);
                }
            }

            var flagged = kind is PolicyKind.Veto or PolicyKind.Bonus or PolicyKind.Deduction;
            Field(flagged, p.Flag, "flag");
            Field(kind == PolicyKind.Veto, p.Grade, "grade");
            Field(kind == PolicyKind.GradeCap, p.Indicator, "indicator");
            Field(kind == PolicyKind.GradeCap, p.BelowFraction, "belowFraction");
            Field(kind == PolicyKind.GradeCap, p.MaxGrade, "maxGrade");
            Field(kind is PolicyKind.Bonus or PolicyKind.Deduction, p.Points, "points");
            if (problems.Items.Count > before)
            {
                continue;
            }

            try
            {
                result.Add(kind switch
                {
                    PolicyKind.Veto => Policy.Veto(p.Name, p.Flag!, p.Grade!),
                    PolicyKind.GradeCap => Policy.GradeCap(p.Name, p.Indicator!, p.BelowFraction!.Value, p.MaxGrade!),
                    PolicyKind.Bonus => Policy.Bonus(p.Name, p.Flag!, p.Points!.Value),
                    _ => Policy.Deduction(p.Name, p.Flag!, p.Points!.Value),
                });
            }
            catch (ArgumentException e)
            {
                var field = e.ParamName switch
                {
                    "belowFraction" => "belowFraction",
                    "points" => "points",
                    _ => null,
                };
                var zh = field switch
                {
                    "belowFraction" => string.Create(CultureInfo.InvariantCulture, $"belowFraction 须在 (0, 1] 内：{p.BelowFraction}"),
                    "points" => string.Create(CultureInfo.InvariantCulture, $"points 须大于 0：{p.Points}"),
                    _ => "政策的名称、标志或等级不能为空",
                };
                var en = field switch
                {
                    "belowFraction" => string.Create(CultureInfo.InvariantCulture, $"belowFraction must lie in (0, 1]: {p.BelowFraction}"),
                    "points" => string.Create(CultureInfo.InvariantCulture, $"points must be greater than 0: {p.Points}"),
                    _ => "A policy's name, flag and grade cannot be blank",
                };
                problems.Add("InvalidPolicy", field is null ? at : StrictJson.Child(at, field), zh, en);
            }
        }

        return result.ToImmutable();
    }
}
