using System.Text.Json.Serialization;

namespace PerfEval.Serialization;

// The file formats' shapes. Internal: mapped to the model by hand, so the public model never depends
// on the wire format. Every optional member is nullable: null and absent mean the same.

/// <summary>perfeval/evaluation@1.</summary>
internal sealed record EvaluationDto
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Format { get; init; }

    public required string Scheme { get; init; }

    public required ProjectDto Project { get; init; }

    public BudgetDto? Budget { get; init; }

    public ReportedDto? Reported { get; init; }

    public List<string?>? Notes { get; init; }

    public Dictionary<string, bool>? Flags { get; init; }

    public required List<NodeDto?> Indicators { get; init; }
}

internal sealed record ProjectDto
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Unit { get; init; }

    public string? Region { get; init; }

    public int? Year { get; init; }

    public string? Source { get; init; }
}

internal sealed record BudgetDto
{
    public required decimal Planned { get; init; }

    public required decimal Executed { get; init; }

    public string? Unit { get; init; }
}

internal sealed record ReportedDto
{
    public decimal? Total { get; init; }

    public string? Grade { get; init; }

    public string? ExecutionRate { get; init; }
}

internal sealed record NodeDto
{
    public required string Name { get; init; }

    public decimal? Weight { get; init; }

    public List<NodeDto?>? Children { get; init; }

    public MethodDto? Method { get; init; }

    public string? Direction { get; init; }

    public string? Target { get; init; }

    public string? Actual { get; init; }

    public string? Unit { get; init; }

    public string? TextValue { get; init; }

    public string? TextQuote { get; init; }

    public decimal? SelfScore { get; init; }

    public List<ScorePartDto?>? SelfScoreParts { get; init; }

    public bool? NotApplicable { get; init; }

    public string? DeviationReason { get; init; }

    public List<bool>? Checklist { get; init; }

    public string? Note { get; init; }

    public decimal? MaxBonus { get; init; }

    public decimal? BonusPerUnit { get; init; }

    public decimal? Scale { get; init; }
}

internal sealed record ScorePartDto
{
    public required string Name { get; init; }

    public required decimal SelfScore { get; init; }
}

internal sealed record MethodDto
{
    public required string Kind { get; init; }

    public string? Otherwise { get; init; }

    public decimal? PointsPerPercent { get; init; }

    public decimal? PointsPerIncident { get; init; }

    public List<BandDto?>? Bands { get; init; }

    public List<CriterionDto?>? Criteria { get; init; }

    public TiersDto? Tiers { get; init; }

    public decimal? FullMarksFrom { get; init; }
}

internal sealed record BandDto
{
    public decimal? Min { get; init; }

    public bool? MinInclusive { get; init; }

    public decimal? Max { get; init; }

    public bool? MaxInclusive { get; init; }

    public required decimal Points { get; init; }
}

internal sealed record CriterionDto
{
    public required string Text { get; init; }

    public required decimal Points { get; init; }
}

internal sealed record TiersDto
{
    public decimal? AchievedMin { get; init; }

    public decimal? PartlyMin { get; init; }

    public decimal? AchievedDefault { get; init; }

    public decimal? PartlyDefault { get; init; }

    public decimal? NotAchievedDefault { get; init; }

    public string? Narrative { get; init; }
}

/// <summary>perfeval/scheme@1.</summary>
internal sealed record SchemeDto
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Format { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? NameEn { get; init; }

    public string? Region { get; init; }

    public List<string?>? Sources { get; init; }

    public string? Extends { get; init; }

    public List<FrameDto?>? Frame { get; init; }

    public bool? ReplaceFrame { get; init; }

    public DefaultsDto? Defaults { get; init; }

    public List<GradeDto?>? Grades { get; init; }

    public RoundingDto? Rounding { get; init; }

    public string? NotApplicable { get; init; }

    public decimal? Tolerance { get; init; }

    public List<PolicyDto?>? Policies { get; init; }

    public bool? ReplacePolicies { get; init; }
}

internal sealed record FrameDto
{
    public required string Name { get; init; }

    public decimal? Weight { get; init; }

    public List<string?>? Aliases { get; init; }

    public List<FrameDto?>? Children { get; init; }
}

internal sealed record DefaultsDto
{
    public MethodDto? Positive { get; init; }

    public MethodDto? Negative { get; init; }

    public MethodDto? Equal { get; init; }

    public MethodDto? Qualitative { get; init; }

    public MethodDto? ExecutionRate { get; init; }
}

internal sealed record GradeDto
{
    public required string Name { get; init; }

    public string? NameEn { get; init; }

    public required decimal Min { get; init; }
}

internal sealed record RoundingDto
{
    public int? Places { get; init; }

    public string? Mode { get; init; }

    public string? Scope { get; init; }
}

internal sealed record PolicyDto
{
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public string? Flag { get; init; }

    public string? Grade { get; init; }

    public string? Indicator { get; init; }

    public decimal? BelowFraction { get; init; }

    public string? MaxGrade { get; init; }

    public decimal? Points { get; init; }
}

/// <summary>perfeval/result@1 (written only).</summary>
internal sealed record ResultDto
{
    public required string Format { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Line { get; init; }

    public required decimal Total { get; init; }

    public required string Grade { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? GradeEn { get; init; }

    public required SchemeRefDto Scheme { get; init; }

    public required ProjectRefDto Project { get; init; }

    public required ExplanationDto Explanation { get; init; }

    public required List<IndicatorResultDto> Indicators { get; init; }

    public required List<FindingDto> Findings { get; init; }

    // What the report gave beside its indicators, so a result alone can be shown (perfeval report); absent when empty.
    public BudgetDto? Budget { get; init; }

    public ReportedDto? Reported { get; init; }

    public List<string?>? Notes { get; init; }
}

internal sealed record SchemeRefDto
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NameEn { get; init; }
}

internal sealed record ProjectRefDto
{
    public required string Id { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Unit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Year { get; init; }

    public string? Region { get; init; }

    public string? Source { get; init; }
}

internal sealed record IndicatorResultDto
{
    public required string Path { get; init; }

    public required string Name { get; init; }

    public required int Level { get; init; }

    public required decimal Weight { get; init; }

    public required bool WeightAssigned { get; init; }

    public required decimal Score { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public decimal? SelfScore { get; init; }

    public required bool Leaf { get; init; }

    public required bool NotApplicable { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Method { get; init; }

    public required ExplanationDto Explanation { get; init; }

    // The row's values as the report wrote them; absent when it wrote none.
    public string? Target { get; init; }

    public string? Actual { get; init; }

    public string? DeviationReason { get; init; }
}

internal sealed record ExplanationDto
{
    public required string Arithmetic { get; init; }

    public required string Zh { get; init; }

    public required string En { get; init; }

    public required List<string> Reasons { get; init; }
}

internal sealed record FindingDto
{
    public required string Code { get; init; }

    public required string Severity { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Path { get; init; }

    public required string MessageZh { get; init; }

    public required string MessageEn { get; init; }

    public required List<EvidenceDto> Evidence { get; init; }
}

internal sealed record EvidenceDto
{
    public required string Figure { get; init; }

    public required string Value { get; init; }

    public required string Source { get; init; }
}

/// <summary>A batch line that could not be read or graded (written only).</summary>
internal sealed record ErrorRecordDto
{
    public required string Format { get; init; }

    public required long Line { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Project { get; init; }

    public required ErrorDto Error { get; init; }
}

internal sealed record ErrorDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? File { get; init; }

    public required List<ProblemDto> Problems { get; init; }
}

internal sealed record ProblemDto
{
    public required string Code { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? IndicatorPath { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? JsonPath { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? Line { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Text { get; init; }

    public required string MessageZh { get; init; }

    public required string MessageEn { get; init; }
}

/// <summary>
/// Source-generated metadata for the three formats. Strict: no unknown or duplicate properties, no
/// null for required members, numbers only as JSON numbers, no comments or trailing commas.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    MaxDepth = JsonFileOptions.DepthCeiling)]
[JsonSerializable(typeof(EvaluationDto))]
[JsonSerializable(typeof(SchemeDto))]
[JsonSerializable(typeof(ResultDto))]
[JsonSerializable(typeof(ErrorRecordDto))]
internal sealed partial class PerfEvalJsonContext : JsonSerializerContext
{
}
